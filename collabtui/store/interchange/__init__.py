"""The whole-store JSON exchange format (``collab export all`` / ``collab import``).

It lives in the store because it knows the tables: it builds the JSON Schema from
:mod:`collabtui.store.models`, turns rows into JSON values and back, writes the
document deterministically, and checks a document before anything is imported. No
I/O, no Textual, no Rich; the store reads and
writes the tables (:mod:`collabtui.store.exchange`), the CLI reads and writes files.

The format and its schema are in :mod:`collabtui.store.interchange.format`, the checks in
:mod:`collabtui.store.interchange.validate`.
"""
