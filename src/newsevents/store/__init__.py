"""The store: SQLite by default, PostgreSQL for a ``postgresql://`` --db. Only this package speaks SQL to write; ``query`` reads."""

from newsevents.store.sqlite import SQLiteStore, open_store

__all__ = ["SQLiteStore", "open_store"]
