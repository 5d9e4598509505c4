"""What the tests need from Textual and syrupy beyond their public API, in one place.

``internals`` names every private attribute the tests read (``App._notifications``,
``Select._options``, the compositor, syrupy's session); ``pilot`` types runs of
characters into text fields as one burst and waits for the app's thread workers after
every key. ``tests/unit/test_support_canary.py`` fails loudly, naming the attribute,
when an upgrade of Textual or syrupy moves one of them.
"""
