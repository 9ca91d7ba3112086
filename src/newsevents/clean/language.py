"""Language identification: the language an article is written in, so only English reaches the English NLP.

py3langid (a naive Bayes model over byte n-grams, 142 labels, shipped inside the package, no
download) was chosen over lingua by measurement on our mixed set (eval/language): py3langid .988
(two headlines made of names missed) at about 0.1 ms a text and 0.8 s to load; lingua 1.0 at
1.5-3 ms a text and 13 s to load, with a 96 MB wheel (.964 in its low-accuracy mode). It is asked over all its languages, so a German or Turkish article is
named as such instead of being forced into the nearest of a few. Its labels for Arabic varieties
(Egyptian ``arz``, Moroccan ``ary``) are folded into ``ar``, and "no language" (``zxx``) into ``und``,
so ``articles --language ar`` finds them all.

Two rules on top. Coding a non-English text as English is the error that matters, so a text the
model calls English whose letters are mostly not Latin (an Arabic report quoting an English name
or two) takes the best-ranked other language instead. And a short English text often gets an
unsure vote for a language close to English in the model's eyes (Nigerian Pidgin above all, or
Hausa, Shona, Latin): when the winner is unsure (below AMBIGUOUS) and English is the runner-up
with at least RUNNER_UP, the text is English. Measured on the 3,120 one-sentence English items of
eval/corpus, this takes those wrongly called non-English from 41 to 11 (1.3% to 0.35%); on our mixed set no
non-English text had English as an unsure runner-up (its probability there stays below .01).
The 11 left were all guessed below .30; a Latin-script text guessed non-English below UNSURE is
undetermined (``und``), and undetermined texts are coded (``codable``): 0 of the 3,120 are kept from the NLP.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from py3langid.langid import LanguageIdentifier

    from newsevents.records import Article

ENGLISH = "en"
UNDETERMINED = "und"  # ISO 639-2 for a text with too few letters to tell
IDENTIFIER = "py3langid-0.4"
#: enough text to be sure and still fast on a very long article
SAMPLE_CHARS = 3000
MIN_LETTERS = 3
#: the winner's probability below which it is unsure, and English's as runner-up to win instead
AMBIGUOUS = 0.7
RUNNER_UP = 0.1
#: a Latin-script text whose best non-English guess is below this is undetermined, and coded: on our sets the
#: English one-liners wrongly called non-English all score under .30, and every non-English text .37 or more
UNSURE = 0.35
#: labels of the model folded into the code users ask for
FOLD = {"arz": "ar", "ary": "ar", "zxx": UNDETERMINED}
INSTALL_HINT = "language identification needs py3langid; install newsevents again (pip install newsevents) to get it"


@dataclass(frozen=True)
class LanguageGuess:
    """A text's language (ISO 639-1, or 'und') and the model's probability for it."""

    language: str
    confidence: float

    @property
    def english(self) -> bool:
        """True when the text is English."""
        return self.language == ENGLISH

    @property
    def codable(self) -> bool:
        """True when the English NLP may run on it: English, or too short or unsure to tell."""
        return codable(self.language)


def codable(language: str) -> bool:
    """True for the languages the English NLP runs on: English, and undetermined (too short or unsure to tell)."""
    return language in (ENGLISH, UNDETERMINED)


def refusal(article: "Article", given: object = None) -> tuple[str, str] | None:
    """``(language, reason)`` when ``article`` must not be coded: it reads as another language, or ``given`` says so.

    ``given`` is the language the caller states ('en' codes the text whatever it reads as).
    """
    if isinstance(given, str) and given.strip():
        language = given.strip().lower()
        if language == ENGLISH:
            return None
        return language, f"given as language {language!r}; newsevents codes English only"
    guess = article_language(article)
    if guess.codable:
        return None
    return guess.language, (f"reads as language {guess.language!r} (confidence {guess.confidence:.2f}), not English; newsevents codes "
                            f'English only (give language "en" to code it anyway)')


def identify(text: str) -> LanguageGuess:
    """The language of ``text`` (its first SAMPLE_CHARS characters)."""
    sample = text[:SAMPLE_CHARS]
    letters = [ch for ch in sample if ch.isalpha()]
    if len(letters) < MIN_LETTERS:
        return LanguageGuess(UNDETERMINED, 0.0)
    ranked = _model().rank(sample)
    language, prob = ranked[0]
    latin = _latin_share(letters) >= 0.5
    if language == ENGLISH and not latin:
        language, prob = next((lang, p) for lang, p in ranked if lang != ENGLISH)
    elif latin and prob < AMBIGUOUS and ranked[1][0] == ENGLISH and ranked[1][1] >= RUNNER_UP:
        language, prob = ranked[1]
    if latin and language != ENGLISH and prob < UNSURE:
        language = UNDETERMINED
    return LanguageGuess(FOLD.get(str(language), str(language)), round(float(prob), 4))


def article_language(article: "Article") -> LanguageGuess:
    """The language of an article, judged on its title and body together."""
    return identify(f"{article.title}\n{article.text}" if article.title else article.text)


def _latin_share(letters: list[str]) -> float:
    """The share of ``letters`` in the Latin script (ASCII, accented Latin and Latin Extended)."""
    latin = sum(1 for ch in letters if ch < "\u0250")
    return latin / len(letters)


@lru_cache(maxsize=1)
def _model() -> "LanguageIdentifier":
    """The py3langid model, loaded once per process (about 0.8 s) with probabilities normalised."""
    from newsevents.errors import SettingsError

    try:
        from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier
    except ImportError:
        raise SettingsError(INSTALL_HINT) from None
    ptc, pc, classes, nextmove, row, output = _read_model(Path(MODEL_DIR) / MODEL_FILE)
    return LanguageIdentifier(ptc, pc, classes, nextmove, output, norm_probs=True, tk_row=row)


def _read_model(path: Path) -> tuple[Any, ...]:
    """py3langid's model arrays, unpacked in memory: its own loader writes a temporary file, which fails on a
    full disk or under a file-size limit before the store can say so."""
    import io
    import lzma
    from array import array

    import numpy as np

    def to_array(values: Any) -> array:
        out = array({2: "H", 4: "I", 8: "L"}[values.dtype.itemsize])
        out.frombytes(memoryview(np.ascontiguousarray(values)).cast("B"))
        return out

    with lzma.open(path) as source, np.load(io.BytesIO(source.read()), allow_pickle=False) as data:
        return (np.asarray(data["ptc"]), np.asarray(data["pc"]), data["classes"].tolist(), to_array(data["nextmove"]),
                to_array(data["nextmove_row"]), data["out_feat"].tolist())
