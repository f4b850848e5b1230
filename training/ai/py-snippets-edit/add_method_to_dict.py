def to_dict(self, include_empty: bool = False) -> dict:
    """Return the record as a plain dict, e.g. for JSON serialisation."""
    data = {
        "id": self.id,
        "name": self.name,
        "tags": sorted(self.tags),
        "created_at": self.created_at.isoformat() if self.created_at else None,
    }
    if not include_empty:
        data = {k: v for k, v in data.items() if v not in (None, [], "")}
    return data
