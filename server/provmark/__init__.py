"""Provmark: notice code that came out of someone else's AI model, tag it, keep it out
of your own training data."""

__version__ = "0.1.0"
