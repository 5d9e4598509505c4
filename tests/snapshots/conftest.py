"""Snapshot fixtures: the demo dataset at a fixed moment, a fixed clock and size.

A snapshot test runs on both backends (see tests/conftest.py) and both runs compare
against ONE stored picture: the screen must not depend on where the data lives.
"""

from __future__ import annotations

import pytest
from syrupy import SnapshotAssertion
from syrupy.location import PyTestLocation

from tests.support.internals import syrupy_session
from tests.tui.conftest import make_app  # noqa: F401  (re-exported fixture)

_BACKEND_IDS = {"sqlite", "pg"}


class _OneSnapshotForBothBackends(PyTestLocation):
    """The test's location, named without its backend parameter."""

    def __post_init__(self) -> None:
        super().__post_init__()
        base, bracket, ids = self.testname.partition("[")
        if bracket:
            kept = [part for part in ids.rstrip("]").split("-") if part not in _BACKEND_IDS]
            self.testname = f"{base}[{'-'.join(kept)}]" if kept else base
            self.nodename = self.testname


@pytest.fixture
def snapshot(request) -> SnapshotAssertion:
    """Syrupy's fixture, with one stored snapshot shared by the backends."""
    from syrupy import __import_extension

    return SnapshotAssertion(
        update_snapshots=request.config.option.update_snapshots,
        extension_class=__import_extension(request.config.option.default_extension),
        test_location=_OneSnapshotForBothBackends(request.node),
        session=syrupy_session(request.session.config),
    )
