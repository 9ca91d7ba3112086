"""Accuracy evaluations: gold data from ../shared in, scores out, floors pinned in eval/floors.json."""
