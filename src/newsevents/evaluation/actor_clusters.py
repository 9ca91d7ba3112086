"""B-cubed precision, recall and F1 of actor clusters: how well mentions were grouped into actors.

For every gold mention m, with P(m) the predicted cluster holding it and G(m) its gold cluster:
precision(m) = |P(m) ∩ G(m)| / |P(m)| and recall(m) = |P(m) ∩ G(m)| / |G(m)|; the scores are the
means over gold mentions (Bagga and Baldwin's B-cubed). Only gold mentions are scored: a mention
the prediction lacks counts as a cluster of its own, one the gold lacks is left out. Cluster
labels are compared only for equality, so predicted ids and gold ids need not match.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Mapping

from newsevents.errors import QueryError


def _members(assignment: Mapping[Hashable, Hashable], keys: set[Hashable]) -> dict[Hashable, frozenset[Hashable]]:
    """Mention -> the set of mentions (among ``keys``) in its cluster."""
    clusters: dict[Hashable, set[Hashable]] = defaultdict(set)
    for key in keys:
        clusters[assignment[key]].add(key)
    frozen = {label: frozenset(members) for label, members in clusters.items()}
    return {key: frozen[assignment[key]] for key in keys}


def bcubed(pred: Mapping[Hashable, Hashable], gold: Mapping[Hashable, Hashable]) -> tuple[float, float, float]:
    """(precision, recall, F1) of the predicted clustering ``pred`` against ``gold``, both mention -> cluster."""
    if not gold:
        raise QueryError("bcubed needs at least one gold mention; give gold as {mention: cluster}")
    keys = set(gold)
    missing = object()
    filled = {k: (pred[k] if k in pred else (missing, k)) for k in keys}  # a missing mention is a singleton
    predicted, actual = _members(filled, keys), _members(gold, keys)
    precision = recall = 0.0
    for key in keys:
        overlap = len(predicted[key] & actual[key])
        precision += overlap / len(predicted[key])
        recall += overlap / len(actual[key])
    precision, recall = precision / len(keys), recall / len(keys)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1
