"""The screen before the NLP: each new article's language, and whether it is a near-copy of another.

An article that is not English is stored with its language and not annotated (the English models
would code it as English, wrongly). An article whose body is a near-copy of one already stored, or
of one earlier in the same run (a syndicated story, a re-post with a new headline and a sentence
changed), is stored and linked to that article's duplicate group, and not annotated either: the
group's events come from the one member that was coded.

Deterministic: signatures come from fixed hashes and seeds (``minhash``), and a run screens its
articles earliest published first (undated last), ties by id, so within a run the original that is
coded is the earliest one whatever the order of the inputs. An article arriving in a later run
joins the group that is already stored.
"""

from __future__ import annotations

from typing import Callable, Iterable, Mapping, Sequence

import numpy as np

from newsevents.clean.language import article_language
from newsevents.dedup import minhash
from newsevents.dedup.records import Known, Screening
from newsevents.records import Article

#: (band keys) -> the stored articles sharing any of them, with their signatures and groups
StoreLookup = Callable[[Sequence[int]], Known]


def first_look(article: Article) -> Screening:
    """An article's language and fingerprint, with no duplicate group yet: the part of the screen a worker can do."""
    sig = minhash.signature(article.text)
    return Screening(article.id, article_language(article).language, minhash.to_bytes(sig), tuple(minhash.bands(sig)))


def screen(articles: Sequence[Article], lookup: StoreLookup, threshold: float,
           looks: Mapping[str, Screening] | None = None) -> dict[str, Screening]:
    """A Screening per article (by id); near-copies are looked for in the store and earlier in ``articles``.

    ``looks`` holds first looks already taken (``first_look``, in the workers); the others are taken here.
    """
    looks = looks or {}
    index: dict[tuple[int, int], list[str]] = {}
    signatures: dict[str, np.ndarray] = {}
    groups: dict[str, str] = {}
    found: dict[str, Screening] = {}
    for article in sorted(articles, key=_age):
        look = looks.get(article.id) or first_look(article)
        sig, keys = minhash.from_bytes(look.signature), list(look.bands)
        known = lookup(keys)
        candidates = {i: minhash.from_bytes(raw) for i, raw in known.signatures.items()}
        candidates.update({i: signatures[i] for i in _in_run(index, keys)})
        match, score = _best(sig, candidates, threshold)
        head = None
        if match is not None:
            head = groups.get(match) or known.groups.get(match) or match
            groups[article.id] = head
        found[article.id] = Screening(article.id, look.language, look.signature, look.bands, head, score)
        signatures[article.id] = sig
        for band, key in enumerate(keys):
            index.setdefault((band, key), []).append(article.id)
    return found


def fingerprint(text: str) -> tuple[bytes, list[int]]:
    """A body's signature as stored, and its band keys."""
    sig = minhash.signature(text)
    return minhash.to_bytes(sig), minhash.bands(sig)


def _age(article: Article) -> tuple[bool, str, str]:
    """Sort key: earliest published first, undated last, ties by id."""
    return (article.published is None, article.published or "", article.id)


def _in_run(index: dict[tuple[int, int], list[str]], keys: Iterable[int]) -> set[str]:
    """Articles of this run that share a band with ``keys``."""
    return {other for band, key in enumerate(keys) for other in index.get((band, key), ())}


def _best(sig: np.ndarray, candidates: dict[str, np.ndarray], threshold: float) -> tuple[str | None, float | None]:
    """The most similar candidate at or above ``threshold`` (ties by id), and its similarity."""
    best: tuple[float, str] | None = None
    for other, other_sig in candidates.items():
        score = minhash.similarity(sig, other_sig)
        if score >= threshold and (best is None or (-score, other) < (-best[0], best[1])):
            best = (score, other)
    return (best[1], round(best[0], 4)) if best else (None, None)
