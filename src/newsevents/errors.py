"""One exception tree; every message names the bad value and says what to do next."""


class NewseventsError(Exception):
    """Base of every error newsevents raises on purpose."""


class SettingsError(NewseventsError):
    """A setting or option has a value we cannot use."""


class InputError(NewseventsError):
    """An input cannot be read or understood; the message names the file and the reason."""

    def __init__(self, origin: str, reason: str) -> None:
        super().__init__(f"{origin}: {reason}")
        self.origin = origin
        self.reason = reason


class ModelError(NewseventsError):
    """The spaCy model is not installed or cannot be loaded."""


class StoreError(NewseventsError):
    """The database cannot be opened, migrated or written."""


class NotFound(NewseventsError):
    """A requested record does not exist."""


class QueryError(NewseventsError):
    """A query parameter has a value we cannot use (a 400 in the API)."""


class DataFileError(NewseventsError):
    """A data table (bundled or one's own) is missing or malformed; the message names the file and line."""


class MissingExtra(NewseventsError):
    """An optional part is used but its extra is not installed; the message names the pip command."""
