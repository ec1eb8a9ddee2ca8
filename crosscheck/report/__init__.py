"""Renderers: a run's result -> text. No file I/O here; the CLI writes files."""
