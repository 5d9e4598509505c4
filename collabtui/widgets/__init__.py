"""Reusable widgets. Widgets never reach a screen, a dialog or the store: screens pass
data down and widgets send messages up (import-linter checks it)."""
