"""The domain: the playbook's enums, errors, values, rules and time arithmetic.

Pure Python: nothing here imports the ORM, Textual or Rich, or does I/O. The store,
the renderers, the CLI and the screens all build on it.
"""
