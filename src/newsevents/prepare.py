"""The pure units of work before annotation, mapped by the runners like ``process.annotate_batch``.

``load_batch`` reads inputs (decode, detect the format, extract HTML, read JSON and web archives);
``clean_batch`` cleans each input's documents into articles with the source's learned boilerplate
and takes each article's first look for the screen (its language and MinHash fingerprint). Both
run in the workers, so the parent only lists inputs, learns the boilerplate table, screens and
writes. Neither touches a database or the network: a feed, whose entries' pages are fetched, is
read in the parent (``needs_parent``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Sequence

from newsevents.errors import NewseventsError
from newsevents.records import Article, InputFailure, LoadedInput, RawDocument
from newsevents.settings import Settings

if TYPE_CHECKING:
    from newsevents.clean import BoilerplateTable
    from newsevents.dedup.records import Screening
    from newsevents.ingest.sources import Source

_SNIFF = 4096


@dataclass(frozen=True)
class CleanTask:
    """One input's documents, with the boilerplate lines learned for their sources."""

    origin: str
    documents: tuple[RawDocument, ...]
    table: "BoilerplateTable"


@dataclass(frozen=True)
class Cleaned:
    """One input after cleaning: its articles and their first looks, or why each document gave none."""

    origin: str
    articles: tuple[Article, ...]
    looks: tuple["Screening", ...]  # per article, in order: language and fingerprint, no duplicate group yet
    problems: tuple[str, ...]  # one line per document that gave no article

    def failure(self) -> InputFailure | None:
        """The input's failure when it gave no article at all."""
        if self.articles:
            return None
        return InputFailure(self.origin, "; ".join(self.problems) or "no article found")


def needs_parent(source: "Source") -> bool:
    """True for inputs the parent must read: URLs and feeds (their reading fetches pages), and unread ones."""
    from newsevents.ingest.detect import is_feed

    if source.part is not None:  # a part of a large file (ingest/parts.py): text or JSON Lines
        return False
    if source.data is None or source.origin.lower().startswith(("http://", "https://")):
        return True
    head = source.data[:_SNIFF].decode("utf-8", "replace").lstrip("\ufeff \t\r\n")
    return is_feed(head)


def load_batch(sources: Sequence["Source"], settings: Settings) -> list[LoadedInput]:
    """Read each source into a LoadedInput, in order; never raises for a bad input."""
    from newsevents.ingest import load_source

    return [load_source(source, settings) for source in sources]


def clean_batch(tasks: Sequence[CleanTask], settings: Settings) -> list[Cleaned]:
    """Clean each task's documents into articles and take their first looks, in order."""
    from newsevents.dedup.screen import first_look

    done: list[Cleaned] = []
    for task in tasks:
        articles, problems = clean_documents(task.documents, task.table)
        done.append(Cleaned(task.origin, tuple(articles), tuple(first_look(a) for a in articles), tuple(problems)))
    return done


def clean_documents(documents: Sequence[RawDocument], table: "BoilerplateTable") -> tuple[list[Article], list[str]]:
    """The articles of ``documents``, and one line for each document that gave none (what was wrong)."""
    from newsevents.clean import clean_document, explain_empty

    articles: list[Article] = []
    problems: list[str] = []
    for raw in documents:
        try:
            found = clean_document(raw, table)
        except NewseventsError as exc:
            problems.append(str(exc))
            continue
        except Exception as exc:  # noqa: BLE001 - one odd record must never stop a run
            problems.append(f"{raw.origin}: cleaning failed ({type(exc).__name__}: {exc}); please report it with the input")
            continue
        if not found:
            problems.append(explain_empty(raw))
        articles.extend(found)
    return articles, problems


def task_for(item: LoadedInput, table: "BoilerplateTable") -> CleanTask:
    """The clean task of one loaded input, carrying only its sources' part of ``table``."""
    from newsevents.clean import BoilerplateTable

    return CleanTask(item.origin, item.documents, table.only({BoilerplateTable.source_of(raw) for raw in item.documents}))
