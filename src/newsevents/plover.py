"""The PLOVER vocabulary in one place: event types in codebook order and the GDELT quad classes.

The coder checks its data tables against these names, ``query`` validates filters with them and
the dashboard labels and colours its charts with them.
"""

from __future__ import annotations

#: The PLOVER event types, in the order of the codebook.
EVENT_TYPES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)  # fmt: skip

#: The GDELT quad classes, by number.
QUAD_NAMES: dict[int, str] = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}

#: The quad class each type's CAMEO codes usually fall in (an event's own code decides its class).
TYPE_QUAD: dict[str, int] = {
    "AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 1, "REQUEST": 1,
    "COOPERATE": 2, "AID": 2, "RETREAT": 2,
    "ACCUSE": 3, "REJECT": 3, "THREATEN": 3, "PROTEST": 3, "SANCTION": 3,
    "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4,
}  # fmt: skip
