"""Near-duplicates and the screen before the NLP (language, near-copies): which new articles are not annotated, and why.

``minhash`` fingerprints a body; ``screen`` decides, for each new article of a run, its language
and whether it copies one stored or earlier in the run. The store part is ``store/duplicates.py``.
"""
