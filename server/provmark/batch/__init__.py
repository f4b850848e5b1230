"""The workspace scan for terminals and CI, and its reports (text, JSON, SARIF)."""
