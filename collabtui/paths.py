"""Where collab keeps its files. Computed on call, never at import."""

from __future__ import annotations

from pathlib import Path

APP_NAME = "collab"


def config_dir() -> Path:
    """The user config directory (``COLLAB_CONFIG_DIR`` overrides it)."""
    import os

    if override := os.environ.get("COLLAB_CONFIG_DIR"):
        return Path(override)
    from platformdirs import user_config_path

    return user_config_path(APP_NAME, appauthor=False)


def config_file() -> Path:
    """The TOML config file (``COLLAB_CONFIG`` overrides it)."""
    import os

    if override := os.environ.get("COLLAB_CONFIG"):
        return Path(override)
    return config_dir() / "config.toml"


def data_dir() -> Path:
    """The user data directory (``COLLAB_DATA_DIR`` overrides it)."""
    import os

    if override := os.environ.get("COLLAB_DATA_DIR"):
        return Path(override)
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)


def make_private_dir(path: Path) -> Path:
    """Create the folder ``path`` (and any missing parents) readable by its owner only.

    Only a folder this call creates gets mode 0700; an existing one is left as it is.
    """
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    return path


def backups_dir() -> Path:
    """Where backups go by default (created owner-only when missing)."""
    return make_private_dir(data_dir() / "backups")


def default_db_path() -> Path:
    """The embedded default store: a SQLite file in the data directory."""
    return data_dir() / "collab.sqlite3"


def bundled_data_dir() -> Path:
    """The shipped ``data/`` folder (demo dataset), installed or in a source checkout."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "data", here.parent / "data"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("the bundled data/ folder is missing from this installation")
