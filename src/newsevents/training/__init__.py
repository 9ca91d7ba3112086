"""Training of the learned parts of newsevents, on our own corpus (``eval/corpus``), on the CPU and reproducibly.

``python -m newsevents.training.events`` (``make train``) trains the event-type classifier of the
hybrid coder and writes ``newsevents/data/events_model.npz`` and ``events_model.json``.
"""
