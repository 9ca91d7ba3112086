"""The nlp stage's data tables (``newsevents/data/nlp_*``), read with :mod:`newsevents.datafiles`.

Rows come as plain dicts (no line numbers) and points with their coordinates checked. Every file
is read through this module's ``read_text``, the one place a test swaps to feed a broken table.
"""

from __future__ import annotations

from newsevents.datafiles import DataFileError, parse_rows, parse_words, read_text, split_names

__all__ = ["DataFileError", "read_points", "read_table", "read_text", "read_words", "split_names"]


def read_table(name: str, columns: tuple[str, ...]) -> list[dict[str, str]]:
    """Rows of a versioned TSV table as dicts, checking the header and the column count."""
    return [row for _, row in parse_rows(name, read_text(name), columns)]


def read_words(name: str) -> list[str]:
    """Non-comment, non-empty lines of a versioned word list."""
    return parse_words(name, read_text(name))


def read_points(name: str, columns: tuple[str, ...]) -> list[tuple[dict[str, str], float, float]]:
    """Rows of a versioned TSV table with ``lat`` and ``lon`` columns, the coordinates parsed and checked."""
    points = []
    for row in read_table(name, columns):
        label = row[columns[0]]
        try:
            lat, lon = float(row["lat"]), float(row["lon"])
        except ValueError as exc:
            raise DataFileError(f"{name}: {label!r} has a non-numeric lat/lon: {row['lat']!r}, {row['lon']!r}") from exc
        if not (-90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0):
            raise DataFileError(f"{name}: {label!r} has lat/lon out of range ({lat}, {lon}); use decimal degrees")
        points.append((row, lat, lon))
    return points
