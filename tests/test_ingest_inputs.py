"""Ingest never stops on a bad input: each file gives exactly one LoadedInput, failures say why.

Tests run as root, where chmod 000 does not stop reads, so unreadable entries are simulated
three ways: a broken symbolic link, a FIFO inside a directory, and ``open`` patched to raise
PermissionError for one file.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import os
import random
from pathlib import Path

import pytest

from newsevents.ingest import iter_inputs, sources
from newsevents.settings import Settings

NEWS = (
    "Ministers from both countries met in the capital on Tuesday to discuss a new trade accord.\n\n"
    "The talks, which lasted several hours, ended with a joint statement on energy and transport.\n"
)
PAGE = (
    "<!DOCTYPE html><html><head><title>Talks end with accord</title></head><body>"
    "<nav><a href='/'>Home</a> <a href='/world'>World</a></nav><article><h1>Talks end with accord</h1>"
    + "".join(
        f"<p>Paragraph {n}: officials from the two governments said the agreement covers energy, "
        "transport and customs, and that a follow-up meeting is planned for the spring.</p>"
        for n in range(1, 5)
    )
    + "</article><footer>Contact us</footer></body></html>"
)
NAV_ONLY = "<!DOCTYPE html><html><body><nav><a href='/'>Home</a><a href='/x'>News</a></nav></body></html>"


def _build_corpus(root: Path) -> None:
    """Good inputs mixed with every kind of bad one."""
    (root / "sub" / "deeper").mkdir(parents=True)
    (root / "good.txt").write_text(NEWS, encoding="utf-8")
    (root / "good.html").write_text(PAGE, encoding="utf-8")
    (root / "good.json").write_text(json.dumps({"title": "Accord", "text": NEWS}), encoding="utf-8")
    (root / "sub" / "good.txt.gz").write_bytes(gzip.compress(NEWS.encode()))
    (root / "empty.txt").write_bytes(b"")
    (root / "binary.dat").write_bytes(bytes(range(256)) * 8)
    (root / "truncated.txt.gz").write_bytes(gzip.compress((NEWS * 50).encode())[:-30])
    rng = random.Random(7)
    (root / "invalid.txt").write_bytes(bytes(rng.randrange(128, 256) for _ in range(3000)))
    (root / "oneline.txt").write_bytes(b"word " * 1_000_000)
    (root / "nav.html").write_text(NAV_ONLY, encoding="utf-8")
    (root / "nojson.json").write_text(json.dumps({"id": 7, "name": "feed"}), encoding="utf-8")
    (root / "sub" / "deeper" / "locked.txt").write_text(NEWS, encoding="utf-8")
    (root / "sub" / "broken-link.txt").symlink_to(root / "missing-target.txt")
    os.mkfifo(root / "sub" / "pipe.txt")
    (root / ".hidden.txt").write_text(NEWS, encoding="utf-8")
    (root / ".git").mkdir()
    (root / ".git" / "config").write_text("x", encoding="utf-8")


@pytest.fixture
def corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A directory of good and bad inputs, with sub/deeper/locked.txt unreadable."""
    root = tmp_path / "corpus"
    root.mkdir()
    _build_corpus(root)
    real_open = open

    def guarded_open(path: str, *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        if str(path).endswith("locked.txt"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(sources, "open", guarded_open, raising=False)
    return root


EXPECTED_FAILURES = {
    "empty.txt": "empty file",
    "binary.dat": "binary data",
    "truncated.txt.gz": "truncated gzip",
    "invalid.txt": "not UTF-8",
    "oneline.txt": "one line of 5,000,000 characters",
    "nav.html": "no article text",
    "nojson.json": "no text or html field",
    "sub/deeper/locked.txt": "Permission denied",
    "sub/broken-link.txt": "broken symbolic link",
    "sub/pipe.txt": "not a regular file",
}
GOOD = {"good.html": "html", "good.json": "json", "good.txt": "text", "sub/good.txt.gz": "text"}


def test_every_input_yields_one_result_and_failures_say_why(corpus: Path) -> None:
    loaded = list(iter_inputs([str(corpus), str(corpus / "nowhere.txt")], Settings.make()))
    origins = [os.path.relpath(item.origin, corpus) for item in loaded]
    assert origins == sorted(set(EXPECTED_FAILURES) | set(GOOD), key=lambda p: p.split("/")) + ["nowhere.txt"]
    by_name = dict(zip(origins, loaded))
    for name, fragment in EXPECTED_FAILURES.items():
        item = by_name[name]
        assert item.failure is not None, name
        assert not item.documents, name
        assert item.failure.origin == item.origin and item.origin.endswith(name)
        assert fragment in item.failure.reason, (name, item.failure.reason)
        assert "\n" not in item.failure.reason and ";" in item.failure.reason  # says what to do next
    assert "no such file" in by_name["nowhere.txt"].failure.reason  # type: ignore[union-attr]
    for name, fmt in GOOD.items():
        item = by_name[name]
        assert item.failure is None, (name, item.failure)
        assert item.format == fmt and len(item.documents) == 1
    assert by_name["good.txt"].documents[0].text == NEWS
    assert by_name["sub/good.txt.gz"].documents[0].text == NEWS
    assert by_name["good.json"].documents[0].title == "Accord"
    assert "Paragraph 4" in by_name["good.html"].documents[0].text


def test_sha256_and_size_are_of_the_unpacked_bytes(tmp_path: Path) -> None:
    path = tmp_path / "a.txt.gz"
    path.write_bytes(gzip.compress(NEWS.encode()))
    (item,) = iter_inputs([str(path)], Settings.make())
    assert item.sha256 == hashlib.sha256(NEWS.encode()).hexdigest()
    assert item.size == len(NEWS.encode())
    assert item.documents[0].origin == str(path)


def test_gzip_is_detected_by_content_not_name(tmp_path: Path) -> None:
    path = tmp_path / "article.txt"
    path.write_bytes(gzip.compress(NEWS.encode()))
    (item,) = iter_inputs([str(path)], Settings.make())
    assert item.documents[0].text == NEWS


def test_stdin_is_read_for_dash_plain_and_gzipped() -> None:
    settings = Settings.make()
    (plain,) = iter_inputs(["-"], settings, stdin=io.BytesIO(NEWS.encode()))
    assert plain.origin == "<stdin>" and plain.documents[0].text == NEWS
    (packed,) = iter_inputs(["-"], settings, stdin=io.BytesIO(gzip.compress(NEWS.encode())))
    assert packed.documents[0].text == NEWS


def test_stdin_records_are_numbered() -> None:
    lines = "\n".join(json.dumps({"text": f"Story {n} about the talks in the capital."}) for n in (1, 2))
    (item,) = iter_inputs(["-"], Settings.make(), stdin=io.BytesIO(lines.encode()))
    assert [d.origin for d in item.documents] == ["<stdin>#1", "<stdin>#2"]


def test_directories_are_walked_recursively_in_sorted_order(tmp_path: Path) -> None:
    for rel in ("b/z.txt", "a.txt", "b/c/d.txt", "c.txt", "b/a.txt"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(NEWS, encoding="utf-8")
    loaded = list(iter_inputs([str(tmp_path)], Settings.make()))
    found = [os.path.relpath(i.origin, tmp_path) for i in loaded]
    assert found == ["a.txt", "b/a.txt", "b/c/d.txt", "b/z.txt", "c.txt"]
    assert all(i.failure is None for i in loaded)


def test_empty_directory_is_one_failure(tmp_path: Path) -> None:
    (item,) = iter_inputs([str(tmp_path)], Settings.make())
    assert item.failure is not None and "no input files" in item.failure.reason


def test_too_large_inputs_are_refused_before_reading(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text(NEWS * 40, encoding="utf-8")
    bomb = tmp_path / "bomb.txt.gz"
    bomb.write_bytes(gzip.compress(b"a " * 50_000))
    settings = Settings.make(max_input_bytes=2_000)
    big_item, bomb_item = iter_inputs([str(big), str(bomb)], settings)
    big_reason = big_item.failure.reason  # type: ignore[union-attr]
    assert "too large" in big_reason and "--max-input-bytes" in big_reason
    assert "unpacked" in bomb_item.failure.reason  # type: ignore[union-attr]
    (stdin_item,) = iter_inputs(["-"], settings, stdin=io.BytesIO(b"x" * 5_000))
    assert "too large" in stdin_item.failure.reason  # type: ignore[union-attr]


def test_whitespace_only_and_known_binary_types(tmp_path: Path) -> None:
    (tmp_path / "blank.txt").write_text(" \n\n\t\n", encoding="utf-8")
    (tmp_path / "doc.pdf").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj")
    blank, pdf = iter_inputs([str(tmp_path / "blank.txt"), str(tmp_path / "doc.pdf")], Settings.make())
    assert "blank space" in blank.failure.reason  # type: ignore[union-attr]
    assert "PDF" in pdf.failure.reason and "pdftotext" in pdf.failure.reason  # type: ignore[union-attr]


def test_unexpected_errors_become_failures(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from newsevents.ingest import loader

    def explode(text: str, forced: str) -> str:
        raise RuntimeError("boom")

    monkeypatch.setattr(loader, "resolve_format", explode)
    (tmp_path / "a.txt").write_text(NEWS, encoding="utf-8")
    (item,) = iter_inputs([str(tmp_path / "a.txt")], Settings.make())
    assert item.failure is not None and "RuntimeError" in item.failure.reason


def test_importing_ingest_stays_light() -> None:
    import subprocess
    import sys

    code = (
        "import sys, newsevents.ingest; "
        "print(sorted(m for m in ('trafilatura', 'charset_normalizer', 'lxml') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
