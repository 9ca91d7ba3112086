"""Ingest: input files, directories, stdin, gzip and web archives (WARC) in; one LoadedInput of RawDocuments per file out.

``iter_inputs`` never raises for a bad input: each one becomes a LoadedInput whose ``failure``
says in one line what is wrong and what to do. Importing this package is light (trafilatura,
charset-normalizer and warcio load on first use).
"""

from __future__ import annotations

from newsevents.ingest.detect import detect_format
from newsevents.ingest.html import HtmlPage, extract_html
from newsevents.ingest.loader import iter_inputs, load_bytes, load_source
from newsevents.ingest.sources import Source

__all__ = ["HtmlPage", "Source", "detect_format", "extract_html", "iter_inputs", "load_bytes", "load_source"]
