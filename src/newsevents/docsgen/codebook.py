"""The codebook's generated pages, written from the data tables the event coder itself reads.

Types (with modes, CAMEO codes, Goldstein scores, quad classes, trigger words and the decision
rules that touch them) come from ``events_lexicon.tsv``, ``events_modes.tsv``, ``events_cameo.tsv``
and ``events_policy.tsv``; contexts from ``events_contexts.tsv``; sectors and organisations from
``events_actors.tsv``; the meaning and example of each type from ``docs/data/types.tsv`` (ours).
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

from newsevents.datafiles import parse_rows, read_rows
from newsevents.docsgen.markdown import DOCS, banner, code, table
from newsevents.events.lexicon import load_lexicon
from newsevents.events.tables import actor_tables, cameo_table, context_table, mode_table
from newsevents.plover import EVENT_TYPES, QUAD_NAMES, TYPE_QUAD

TYPES_FILE = DOCS / "data" / "types.tsv"
POLICY_COLUMNS = ("name", "stage", "conditions", "action", "note")
#: How many trigger patterns a type's entry lists.
TRIGGERS_SHOWN = 20


def type_texts() -> dict[str, dict[str, str]]:
    """Type -> its meaning and example, from docs/data/types.tsv."""
    rows = parse_rows(str(TYPES_FILE), TYPES_FILE.read_text(encoding="utf-8"), ("type", "meaning", "example"), kind="types")
    return {row["type"]: row for _, row in rows}


def _policy() -> list[dict[str, str]]:
    """The rows of events_policy.tsv as written."""
    return [row for _, row in read_rows("events_policy.tsv", POLICY_COLUMNS)]


def _rules_for(kind: str, rules: list[dict[str, str]]) -> list[dict[str, str]]:
    """The decision rules that name a type in their conditions or their recoding."""
    def words(text: str) -> list[str]:
        return re.split(r"[\s|=;/]+", text)

    return [r for r in rules if kind in words(r["conditions"]) or kind in words(r["action"])]


def _codes_by_mode(kind: str) -> dict[str, set[str]]:
    """Mode ("" for none) -> the CAMEO codes the lexicon and the mode cues give a type."""
    out: dict[str, set[str]] = defaultdict(set)
    for pattern in load_lexicon().patterns:
        if pattern.type == kind and pattern.cameo:
            out[pattern.mode or ""].add(pattern.cameo)
    for cue in mode_table():
        if cue.type == kind and cue.cameo:
            out[cue.mode].add(cue.cameo)
    return out


def _triggers(kind: str) -> list[str]:
    """A type's trigger patterns as the lexicon writes them, in lexicon order."""
    return [f"`{pattern.text}`" for pattern in load_lexicon().patterns if pattern.type == kind]


def _type_section(kind: str, texts: dict[str, str], rules: list[dict[str, str]]) -> str:
    """One type's entry: meaning, example, quad class, modes with codes and scores, triggers, rules."""
    cameo = cameo_table()
    quad = TYPE_QUAD[kind]
    rows = []
    for mode, codes in sorted(_codes_by_mode(kind).items()):
        for c in sorted(codes):
            entry = cameo[c]
            rows.append((code(mode), code(c), entry.note, f"{entry.goldstein:+.1f}", f"{entry.quad_class} {QUAD_NAMES[entry.quad_class]}"))
    triggers = _triggers(kind)
    shown = ", ".join(triggers[:TRIGGERS_SHOWN]) + (f" and {len(triggers) - TRIGGERS_SHOWN} more" if len(triggers) > TRIGGERS_SHOWN else "")
    part = (f"## {kind}\n\n{texts['meaning']} Example: {texts['example']}\n\n"
            f"Usual quad class: {quad} ({QUAD_NAMES[quad]}); each event's own CAMEO code decides its class and score.\n\n"
            + table(("mode", "CAMEO", "CAMEO meaning", "Goldstein", "quad class"), rows)
            + f"\nTrigger patterns ({len(triggers)}; `>x` an object x, `+p` a preposition p, see "
               f"[how the coder works](index.md#how-an-event-is-coded)): {shown}.\n")
    own = _rules_for(kind, rules)
    if own:
        part += "\nDecision rules that touch this type (see [rules](rules.md)):\n\n"
        part += "".join(f"- `{r['name']}`: {r['note']}\n" for r in own)
    return part


def types_page() -> str:
    """docs/codebook/types.md: every PLOVER type in codebook order."""
    texts = type_texts()
    missing = [kind for kind in EVENT_TYPES if kind not in texts]
    if missing:
        raise ValueError(f"docs/data/types.tsv has no row for {', '.join(missing)}: add 'TYPE<TAB>meaning<TAB>example' lines")
    rules = _policy()
    head = (banner("src/newsevents/data/events_lexicon.tsv, events_modes.tsv, events_cameo.tsv, events_policy.tsv "
                   "and docs/data/types.tsv")
            + "# Event types\n\nThe sixteen PLOVER event types in codebook order. For each: what it covers, the modes "
            "our coder assigns with the CAMEO codes it gives them (a blank mode is the type's plain code), the words "
            "that trigger it and the decision rules that recode or drop it. All tables are read from the coder's own "
            "data files.\n\n"
            + "".join(f"[{kind}](#{kind.lower()}) · " for kind in EVENT_TYPES[:-1]) + f"[{EVENT_TYPES[-1]}](#{EVENT_TYPES[-1].lower()})\n")
    return "\n".join([head] + [_type_section(kind, texts[kind], rules) for kind in EVENT_TYPES])


def cameo_page() -> str:
    """docs/codebook/cameo.md: every CAMEO code the coder knows, with Goldstein score and quad class."""
    rows = [(code(c.code), c.note, f"{c.goldstein:+.1f}", f"{c.quad_class} {QUAD_NAMES[c.quad_class]}")
            for c in sorted(cameo_table().values(), key=lambda c: c.code)]
    return (banner("src/newsevents/data/events_cameo.tsv")
            + "# CAMEO codes, Goldstein scores and quad classes\n\nEvery event carries the CAMEO code of its trigger "
            "(or of its mode cue), and from it a Goldstein score (−10 most conflictual to +10 most cooperative) and "
            "a GDELT quad class. Codes, scores and classes are public facts of the CAMEO and GDELT code lists; the "
            f"short meanings are ours. {len(rows)} codes.\n\n"
            + table(("CAMEO", "meaning", "Goldstein", "quad class"), rows))


def contexts_page() -> str:
    """docs/codebook/contexts.md: PLOVER contexts and the words that give them."""
    rows = [(code(name), ", ".join(sorted(w.replace("_", " ") for w in cues)))
            for name, cues in context_table().by_context]
    return (banner("src/newsevents/data/events_contexts.tsv")
            + "# Contexts\n\nAn event gets every PLOVER context one of whose cue words (lemmas; two words for a "
            "pair) occurs in its sentence; an event may have several contexts or none.\n\n"
            + table(("context", "cue words"), rows))


def rules_page() -> str:
    """docs/codebook/rules.md: the decision rules of events_policy.tsv, as written."""
    rows = [(code(r["name"]), r["stage"], code(r["conditions"]), code(r["action"]), r["note"]) for r in _policy()]
    return (banner("src/newsevents/data/events_policy.tsv")
            + "# Decision rules\n\nAfter a trigger is matched and its actors and targets resolved, these rules drop "
            "or recode the event. Rules of stage `resolved` run first, `merged` ones after partners are merged; "
            "within a stage they run in this order and the first `drop` ends the event. Conditions joined by `;` "
            "must all hold; `!` negates; `@name` is a word list of `events_words.tsv`. A recoding reads "
            "`TYPE/mode/CAMEO`.\n\n"
            + table(("rule", "stage", "conditions", "action", "why"), rows))


def sectors_page() -> str:
    """docs/codebook/sectors.md: the nouns that give an actor's sector, and the organisations we know."""
    tables = actor_tables()
    by_sector: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for word, noun in sorted(tables.nouns.items()):
        by_sector[noun.sector or "-"][noun.strength].append(word)
    noun_rows = [(code(sector), ", ".join(s["strong"]), ", ".join(s["weak"]), ", ".join(s["mod"]))
                 for sector, s in sorted(by_sector.items())]
    orgs = {org.name: org for org in [*tables.orgs_exact.values(), *tables.orgs_folded.values()]}
    org_rows = [(org.name, code(org.country), code(org.sector)) for org in sorted(orgs.values(), key=lambda o: o.name)]
    return (banner("src/newsevents/data/events_actors.tsv")
            + "# Sectors and known organisations\n\nAn actor's sector comes from the noun that names it. A *strong* "
            "noun decides the sector (\"police\" → COP); a *weak* one is a fallback that a modifier overrides "
            "(\"army officer\" → MIL); a *modifier* noun counts only in front of another word (\"rights group\" → "
            "NGO).\n\n" + table(("sector", "strong nouns", "weak nouns", "modifier nouns"), noun_rows)
            + "\n## Known organisations\n\nNamed organisations with a fixed country (ISO 3166 alpha-3, or IGO, NGO, "
            "IMG, MNC for international bodies) and sector.\n\n" + table(("organisation", "country", "sector"), org_rows))


def pages() -> dict[Path, str]:
    """Every generated codebook page by path."""
    folder = DOCS / "codebook"
    return {folder / "types.md": types_page(), folder / "cameo.md": cameo_page(), folder / "contexts.md": contexts_page(),
            folder / "rules.md": rules_page(), folder / "sectors.md": sectors_page()}
