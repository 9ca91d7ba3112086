"""How a governing word changes the event in its complement, following the PLOVER codebook.

- "agreed/promised/offered to X": AGREE (a promise of conflict, "vowed to attack", is THREATEN);
- "refused to X": REJECT with mode meet / assist / yield / change by what was refused;
- "threatened to X": THREATEN with the threat's content as mode (violence, restrict, ...);
- "urged/demanded that Y X": REQUEST with mode meet / assist / yield / change;
- future or planned X (PLOVER's auxiliary "future"): cooperation becomes AGREE, a retreat
  becomes CONCEDE, material conflict becomes THREATEN (a planned deployment stays MOBILIZE);
- "will not X" for cooperation X: a refusal, REJECT.

CAMEO codes follow the same reading (intent to meet 036, refuse to yield 124, ...).
"""

from __future__ import annotations

from typing import NamedTuple

COOPERATIVE = ("CONSULT", "SUPPORT", "COOPERATE", "AID")
MATERIAL_CONFLICT = ("ASSAULT", "COERCE", "SANCTION", "MOBILIZE", "PROTEST")
YIELDING = ("RETREAT", "CONCEDE")


class Coding(NamedTuple):
    """A PLOVER type with its mode and CAMEO code."""

    type: str
    mode: str | None
    cameo: str


def _intent_cameo(inner: Coding) -> str:
    """CAMEO "express intent" code (03x) for a promised event."""
    if inner.type == "CONSULT":
        return "039" if inner.cameo == "045" else "036"
    if inner.type == "SUPPORT":
        return "032"
    if inner.type == "COOPERATE":
        return {"061": "0311", "062": "0312", "063": "0313", "064": "0314"}.get(inner.cameo, "031")
    if inner.type == "AID":
        return {"071": "0331", "072": "0332", "073": "0333", "074": "0334"}.get(inner.cameo, "033")
    if inner.type in YIELDING:
        return _yield_intent(inner)
    return "030"


def _yield_intent(inner: Coding) -> str:
    """CAMEO 035x for a promised concession or retreat."""
    if inner.mode == "release" or inner.cameo.startswith("084"):
        return "0353"
    if inner.cameo == "085":
        return "0354"
    if inner.cameo.startswith("086") or inner.mode == "access":
        return "0355"
    if inner.cameo.startswith("087") or inner.mode in ("withdraw", "ceasefire", "disarm"):
        return "0356"
    if inner.cameo.startswith("081"):
        return "0351"
    return "035"


def threat(inner: Coding) -> Coding:
    """THREATEN whose mode is the content of the threat."""
    if inner.type in ("ASSAULT", "MOBILIZE"):
        return Coding("THREATEN", "violence", "138")
    if inner.type == "COERCE":
        if inner.mode == "arrest":
            return Coding("THREATEN", "arrest", "132")
        if inner.mode == "seize":
            return Coding("THREATEN", "territory", "1382" if inner.cameo == "192" else "132")
        if inner.mode == "deport":
            return Coding("THREATEN", "expel", "132")
        if inner.mode == "curfew":
            return Coding("THREATEN", "restrict", "1323")
        if inner.mode == "martial-law":
            return Coding("THREATEN", "restrict", "1324")
        return Coding("THREATEN", "restrict", "1381" if inner.cameo == "191" else "132")
    if inner.type == "SANCTION":
        if inner.mode == "expel":
            return Coding("THREATEN", "expel", "131")
        code = {"162": "1311", "163": "1312", "161": "1313", "164": "134", "165": "135"}.get(inner.cameo, "131")
        return Coding("THREATEN", "relations", code)
    if inner.type == "PROTEST":
        return Coding("THREATEN", "restrict", "133")
    if inner.type == "RETREAT" and inner.mode == "withdraw":
        return Coding("THREATEN", "relations", "136")
    return Coding("THREATEN", None, "130")


def _request_mode(inner: Coding) -> str:
    """REQUEST / REJECT mode for what is asked for or refused."""
    if inner.type == "CONSULT" or (inner.type == "AGREE" and inner.cameo == "036"):
        return "meet"
    if inner.type in ("COOPERATE", "AID", "SUPPORT", "AGREE"):
        return "assist"
    if inner.type in YIELDING:
        return "yield"
    return "change"


def request(frame_cameo: str, inner: Coding) -> Coding:
    """REQUEST for the complement event; appeals (02x) and demands (10x) keep their root."""
    mode = _request_mode(inner)
    if inner.type == "ACCUSE" and inner.mode == "investigate":
        return Coding("REQUEST", "change", "101" if frame_cameo.startswith("10") else "020")
    if frame_cameo.startswith("10"):
        if mode == "meet":
            return Coding("REQUEST", mode, "108")
        if mode == "assist":
            return Coding("REQUEST", mode, "103" if inner.type == "AID" else "102")
        if mode == "yield":
            code = {"0841": "1053", "084": "1053", "085": "1054", "0871": "107", "087": "106"}.get(inner.cameo, "105")
            return Coding("REQUEST", mode, code)
        return Coding("REQUEST", mode, "104")
    if mode == "meet":
        return Coding("REQUEST", mode, "026")
    if mode == "assist":
        return Coding("REQUEST", mode, "023" if inner.type == "AID" else "021")
    if mode == "yield":
        code = {"0841": "0253", "084": "0253", "085": "0254", "0871": "0256", "087": "0256"}.get(inner.cameo, "025")
        return Coding("REQUEST", mode, code)
    return Coding("REQUEST", mode, "024")


def reject(inner: Coding) -> Coding:
    """REJECT (refusal) of the complement event."""
    mode = _request_mode(inner)
    if mode == "meet":
        return Coding("REJECT", mode, "125")
    if mode == "assist":
        return Coding("REJECT", mode, "122" if inner.type == "AID" else "121")
    if mode == "yield":
        code = {"0841": "1243", "084": "1243", "085": "1244", "086": "1245"}.get(inner.cameo, "124")
        return Coding("REJECT", mode, code)
    return Coding("REJECT", mode, "123" if inner.type not in MATERIAL_CONFLICT else "120")


def agree(inner: Coding) -> Coding:
    """AGREE to the complement event; a promise of force is a THREATEN."""
    if inner.type in MATERIAL_CONFLICT:
        return threat(inner)
    if inner.type in ("THREATEN", "REQUEST", "REJECT", "ACCUSE"):
        return inner
    return Coding("AGREE", None, _intent_cameo(inner))


def future(inner: Coding) -> Coding:
    """PLOVER's reading of a future event: cooperation -> AGREE, retreat -> CONCEDE, force -> THREATEN (a deployment stays MOBILIZE)."""
    if inner.type in COOPERATIVE:
        return Coding("AGREE", None, _intent_cameo(inner))
    if inner.type == "RETREAT":
        return Coding("CONCEDE", inner.mode if inner.mode == "resign" else None, _yield_intent(inner))
    if inner.type in MATERIAL_CONFLICT and inner.type != "MOBILIZE":
        return threat(inner)
    return inner  # a deployment announced for later is still posturing, not a verbal threat (PLOVER MOBILIZE)


def under_frame(frame: str, frame_cameo: str, inner: Coding) -> Coding:
    """The event a governing frame word makes of its complement."""
    if frame == "agree":
        return agree(inner)
    if frame == "reject":
        return reject(inner)
    if frame == "threaten":
        return threat(inner) if inner.type != "THREATEN" else inner
    if frame == "request":
        return request(frame_cameo, inner)
    return inner
