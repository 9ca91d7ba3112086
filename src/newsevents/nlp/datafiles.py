"""Load the nlp stage's data tables (``newsevents/data/nlp_*``) with validation.

Every table starts with ``# <name> v<version>`` comment lines, then a header row, then one record a
line, tab separated. Errors name the file and line so a broken edit is easy to find.
"""

from __future__ import annotations

from importlib import resources

from newsevents.errors import NewseventsError


class DataFileError(NewseventsError):
    """A bundled data table is malformed; the message names the file and line."""


def read_text(name: str) -> str:
    """The text of one bundled data file."""
    try:
        return resources.files("newsevents.data").joinpath(name).read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise DataFileError(f"data file {name} is missing from newsevents/data; reinstall newsevents") from exc


def read_table(name: str, columns: tuple[str, ...]) -> list[dict[str, str]]:
    """Rows of a versioned TSV table as dicts, checking the header and the column count."""
    rows: list[dict[str, str]] = []
    header_seen = False
    lines = read_text(name).splitlines()
    if not lines or not lines[0].startswith("# "):
        raise DataFileError(f"{name}:1: expected a '# {name.split('.')[0]} vN' version header")
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if not header_seen:
            if tuple(cells) != columns:
                raise DataFileError(f"{name}:{number}: header {cells} should be {list(columns)}")
            header_seen = True
            continue
        if len(cells) != len(columns):
            raise DataFileError(
                f"{name}:{number}: expected {len(columns)} tab-separated columns, got {len(cells)}: {line!r}"
            )
        rows.append(dict(zip(columns, (cell.strip() for cell in cells))))
    if not header_seen:
        raise DataFileError(f"{name}: no header row {list(columns)} found")
    return rows


def read_words(name: str) -> list[str]:
    """Non-comment, non-empty lines of a versioned word list."""
    lines = read_text(name).splitlines()
    if not lines or not lines[0].startswith("# "):
        raise DataFileError(f"{name}:1: expected a '# {name.split('.')[0]} vN' version header")
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


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


def split_names(cell: str) -> list[str]:
    """The names of a ``|``-separated cell, stripped, empty ones dropped."""
    return [part.strip() for part in cell.split("|") if part.strip()]
