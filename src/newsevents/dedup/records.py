"""The screen's plain records: what it found for each new article, and what the store knows near it (no numpy here)."""

from __future__ import annotations

from dataclasses import dataclass

from newsevents.clean.language import codable

#: the fingerprint scheme (dedup/minhash.py); stored with every signature so a new scheme never mixes with an old one
MINHASH_SCHEME = "newsevents.minhash.v1"
LANGUAGE = "language"
NEAR_DUPLICATE = "near-duplicate"


@dataclass(frozen=True)
class Screening:
    """What the screen found for one new article."""

    article_id: str
    language: str  # ISO 639-1, or 'und' when too short to tell
    signature: bytes  # minhash.SCHEME signature of the body
    bands: tuple[int, ...]  # its LSH band keys
    duplicate_of: str | None = None  # the coded member of the near-duplicate group it joins
    similarity: float | None = None  # estimated Jaccard similarity with the member it matched

    @property
    def skipped(self) -> str | None:
        """Why the NLP does not run on it ('near-duplicate' or 'language'), or None."""
        if self.duplicate_of is not None:
            return NEAR_DUPLICATE
        return None if codable(self.language) else LANGUAGE


@dataclass(frozen=True)
class Known:
    """Stored articles that share a band with a new one: their signatures and duplicate groups."""

    signatures: dict[str, bytes]
    groups: dict[str, str]  # article id -> the coded member of its group (itself when it heads one)
