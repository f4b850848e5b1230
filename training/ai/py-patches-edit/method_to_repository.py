def find_stale(self, older_than: timedelta, *, limit: int = 100) -> list[Session]:
    """Return sessions whose last activity is older than ``older_than``.

    Used by the cleanup job; ordered oldest first so a partial run still
    makes progress on the worst offenders.
    """
    cutoff = utcnow() - older_than
    rows = self._conn.execute(
        "SELECT * FROM sessions WHERE last_seen < ? ORDER BY last_seen ASC LIMIT ?",
        (cutoff.isoformat(), limit),
    ).fetchall()
    return [Session.from_row(row) for row in rows]
