  scope :recently_active, ->(within: 30.days) { where(last_seen_at: within.ago..) }
  scope :with_verified_email, -> { where.not(email_verified_at: nil) }

  def self.digest_recipients
    recently_active
      .with_verified_email
      .where(digest_opt_out: false)
      .order(:id)
  end
