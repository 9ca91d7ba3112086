"""Generated documentation pages: the codebook, the data dictionary and the accuracy page.

Each page is written from the files the code itself reads (the coder's data tables, the store's
migrations, the JSON schema, the evaluation's results), so the docs cannot drift from the code.
``python -m newsevents.docsgen`` (run by ``make docs``) rewrites them; ``--check`` lists stale ones.
"""
