"""`crosscheck serve`: editors review the flagged discrepancies in a local web app.

``board`` holds one run and its decisions file, ``views`` derives what the
pages show (consensus per fact, the source agreement matrix, marked article
text), ``render`` fills the Jinja2 templates, ``app`` is the Starlette app
(pages, JSON API, token and CSP), ``server`` runs it under uvicorn, and
``export`` writes the same finding pages as one read-only HTML file.
"""
