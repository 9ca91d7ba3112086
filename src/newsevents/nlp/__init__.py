"""The nlp stage: spaCy annotation of clean articles and the entities found in them.

Submodules import spaCy lazily; importing this package is cheap.
"""
