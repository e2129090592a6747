"""French news brief extraction: entities, dates, quantities and events, traceable to their words."""

__version__ = "0.1.0"
