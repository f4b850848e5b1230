  async findByEmail(email: string): Promise<User | null> {
    const normalized = email.trim().toLowerCase();
    if (!normalized) {
      return null;
    }
    const row = await this.db.query<UserRow>(
      "SELECT * FROM users WHERE lower(email) = $1 LIMIT 1",
      [normalized],
    );
    return row ? toUser(row) : null;
  }
