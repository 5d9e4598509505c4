"""collab: run cross-department projects from the terminal."""

__version__ = "0.1.0"
