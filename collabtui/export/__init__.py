"""Exporters: pure functions that turn plain documents into Markdown, JSON, CSV or ICS.

Nothing here opens a session, touches the terminal or imports Textual or Rich: the
CLI and the UI read a document from the store (see :mod:`collabtui.domain.documents`) and
hand it to a renderer, which returns a string.
"""
