"""Reusable widgets. Widgets never touch the store: screens pass data down."""
