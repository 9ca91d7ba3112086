"""Turn an input's bytes into text: refuse binary data, then UTF-8, BOMs, or a detected encoding.

Order, cheapest first: byte-order marks; known binary signatures; strict UTF-8 (nearly every
input stops here); UTF-16 without a BOM (NUL bytes on one side); UTF-8 with a few damaged
bytes (replaced with U+FFFD); the charset an HTML page declares; charset-normalizer, preferring
cp1252 over look-alike code pages because our inputs are mostly Western news. Whatever is
decoded must look like text (few control characters), else it is refused as binary.
"""

from __future__ import annotations

import codecs
import re

from newsevents.errors import InputError

_SAMPLE = 65_536
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
#: signature -> (what it is, what to do); checked before any decoding.
_SIGNATURES: tuple[tuple[bytes, str, str], ...] = (
    (b"%PDF-", "a PDF document", "convert it to text first (e.g. pdftotext)"),
    (b"\x89PNG\r\n", "a PNG image", "pass news text, HTML or JSON"),
    (b"\xff\xd8\xff", "a JPEG image", "pass news text, HTML or JSON"),
    (b"GIF8", "a GIF image", "pass news text, HTML or JSON"),
    (b"PK\x03\x04", "a zip archive (or .docx/.xlsx/.epub)", "unpack it, or save the document as text"),
    (b"\xfd7zXZ\x00", "an xz archive", "unpack it first (unxz)"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive", "unpack it first"),
    (b"\x7fELF", "a program (ELF binary)", "pass news text, HTML or JSON"),
    (b"SQLite format 3\x00", "an SQLite database", "export its text to files or JSON lines first"),
)
_BZIP2 = re.compile(rb"BZh[1-9]1AY&SY")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")
#: cp1252 wins over any candidate that scores no better than this much (chaos is 0..1).
_CP1252_SLACK = 0.01


def decode_bytes(origin: str, raw: bytes) -> tuple[str, str]:
    """Decode ``raw`` to text; return (text, encoding) or raise InputError saying why not."""
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            return _checked(origin, _strict(origin, raw, encoding), encoding)
    _refuse_signatures(origin, raw)
    try:
        return _checked(origin, raw.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    sample = raw[:_SAMPLE]
    if b"\x00" in sample:
        encoding = _utf16_without_bom(sample)
        if encoding is None:
            raise InputError(origin, "binary data, not text (it holds NUL bytes); pass news text, HTML or JSON")
        return _checked(origin, _strict(origin, raw, encoding), encoding)
    text = _mostly_utf8(raw)
    if text is not None:
        return _checked(origin, text, "utf-8 (damaged bytes replaced)")
    declared = _declared_charset(sample)
    if declared is not None:
        try:
            return _checked(origin, raw.decode(declared), declared)
        except UnicodeDecodeError:
            pass
    text, encoding = _detect(origin, raw)
    return _checked(origin, text, encoding)


def _refuse_signatures(origin: str, raw: bytes) -> None:
    """Raise for well-known binary file types, naming the type."""
    for signature, what, todo in _SIGNATURES:
        if raw.startswith(signature):
            raise InputError(origin, f"{what}, not text; {todo}")
    if _BZIP2.match(raw[:10]):
        raise InputError(origin, "a bzip2 archive, not text; unpack it first (bunzip2)")


def _strict(origin: str, raw: bytes, encoding: str) -> str:
    """Decode with ``encoding`` or raise InputError naming it."""
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as error:
        raise InputError(
            origin, f"starts like {encoding} text but byte {error.start:,} is invalid; save the file again as UTF-8"
        ) from None


def _utf16_without_bom(sample: bytes) -> str | None:
    """'utf-16-le' / 'utf-16-be' when NUL bytes sit on one side of mostly ASCII pairs, else None."""
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    pairs = len(sample) // 2
    if pairs and odd >= 0.6 * pairs and even <= 0.02 * pairs:
        return "utf-16-le"
    if pairs and even >= 0.6 * pairs and odd <= 0.02 * pairs:
        return "utf-16-be"
    return None


def _mostly_utf8(raw: bytes) -> str | None:
    """UTF-8 text with a handful of damaged bytes, decoded with replacements; None otherwise."""
    text = raw.decode("utf-8", errors="replace")
    damaged = text.count("\ufffd") - raw.count(b"\xef\xbf\xbd")
    valid_multibyte = any(ord(c) > 127 and c != "\ufffd" for c in text[:_SAMPLE])
    if valid_multibyte and damaged <= max(2, len(raw) // 5000):
        return text
    return None


def _declared_charset(sample: bytes) -> str | None:
    """The charset a markup page declares in a <meta> tag, when Python knows it."""
    found = _META_CHARSET.search(sample[:8192])
    if found is None:
        return None
    try:
        return codecs.lookup(found.group(1).decode("ascii")).name
    except (LookupError, UnicodeDecodeError):
        return None


def _detect(origin: str, raw: bytes) -> tuple[str, str]:
    """Ask charset-normalizer; prefer cp1252 among equally good candidates."""
    from charset_normalizer import from_bytes

    matches = list(from_bytes(raw))
    if not matches:
        raise InputError(
            origin, "not UTF-8, and no known text encoding fits these bytes; save the file as UTF-8 text"
        )
    best = min(matches, key=lambda m: m.chaos)
    for match in matches:
        if match.encoding == "cp1252" and match.chaos <= best.chaos + _CP1252_SLACK:
            best = match
            break
    return str(best), best.encoding


def _checked(origin: str, text: str, encoding: str) -> tuple[str, str]:
    """Refuse decoded text full of control characters (binary data that happened to decode)."""
    sample = text[:_SAMPLE]
    if sample and len(_CONTROL.findall(sample)) > max(3, len(sample) // 100):
        reason = f"binary data, not text (control characters as {encoding}); pass news text, HTML or JSON"
        raise InputError(origin, reason)
    return text, encoding
