# Fix: removing items from the list while iterating over it skipped every
# other expired session. Build the list of survivors instead.
now = time.monotonic()
active = []
for session in self._sessions:
    if session.expires_at > now:
        active.append(session)
    else:
        self._on_expire(session)
self._sessions = active
