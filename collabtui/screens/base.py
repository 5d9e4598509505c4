"""What every full screen shares: translated keys, clean titles, the app typed, workers."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any, TypeVar

from textual.screen import Screen

from collabtui.widgets.base import SafeTitles, localize_bindings
from collabtui.widgets.footer import HELP_ANYWHERE

if TYPE_CHECKING:
    from collabtui.app import CollabApp

T = TypeVar("T")


class CollabScreen(SafeTitles, Screen):
    """A full screen of the app."""

    BINDINGS = [HELP_ANYWHERE]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        localize_bindings(self)
        #: Another copy changed the store while this screen was covered: read again
        #: when it is shown (see ``CollabApp.data_changed``).
        self.stale = False
        #: A record to put a list's cursor on once a read has shown it (table id, key).
        self._select_after_show: tuple[str, str] | None = None

    def _on_screen_resume(self) -> None:
        if self.stale:
            self.stale = False
            reload = getattr(self, "reload_from_store", None)
            if reload is not None:
                reload()

    def go(
        self, where: str, *args: Any, then: Callable[[Any], object] | None = None, **kwargs: Any
    ):
        """Show the screen of destination ``where`` (see :mod:`collabtui.screens.router`)."""
        from collabtui.screens import router

        return router.go(self.app, where, *args, then=then, **kwargs)

    @property
    def collab(self) -> CollabApp:
        """The app, typed."""
        return self.app  # type: ignore[return-value]

    def from_worker(self, callback: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
        """From a thread worker: run ``callback`` on the UI thread — unless the app
        stopped or this screen left while the worker read (then there is nobody to
        show the result to)."""
        try:
            app = self.app
        except RuntimeError:  # Textual's NoActiveAppError: the app has gone
            return
        if not app.is_running or not self.is_attached:
            return
        try:
            app.call_from_thread(callback, *args, **kwargs)
        except RuntimeError:
            if app.is_running:  # the callback's own error, not a closed app
                raise

    # ------------------------------------------------------------------ reading

    def read_then(self, read: Callable[[], T], show: Callable[[T], None]) -> None:
        """Run ``read`` (store calls, no widgets) in a thread worker, then ``show`` its
        result here, on the UI thread: a key never waits for the database, which may be
        a server across the network.

        A newer read of this screen makes an older one's result be dropped. A record
        that is gone (``NotFound``) calls :meth:`gone`; another store error is said.
        """
        self.run_worker(
            partial(self._read_in_thread, read, show),
            thread=True,
            exclusive=True,
            group=f"read-{id(self)}",
            name=f"read {type(self).__name__}",
        )

    def read_now(self, read: Callable[[], T], show: Callable[[T], None]) -> None:
        """Read and show at once, on the UI thread: after the user's own write, so the
        next key (a fast typist's) acts on what the store now holds, never on a row
        and version a late read has not replaced yet. The write itself ran here too."""
        from collabtui.domain.errors import NotFound, StoreError

        try:
            data = read()
        except NotFound:
            self.gone()
            return
        except StoreError as exc:
            self.collab.say(str(exc), severity="error")
            return
        show(data)
        self._select_pending()

    def _read_in_thread(self, read: Callable[[], T], show: Callable[[T], None]) -> None:
        from textual._context import NoActiveAppError
        from textual.worker import get_current_worker

        from collabtui.domain.errors import NotFound, StoreError

        try:
            data = read()
        except NotFound:
            self.from_worker(self.gone)
            return
        except StoreError as exc:
            self.from_worker(self.say_from_worker, str(exc))
            return
        except NoActiveAppError:  # the app stopped while this read was on its way
            return
        if get_current_worker().is_cancelled:  # a newer read is on its way
            return
        self.from_worker(self._show_if_here, show, data)

    def say_from_worker(self, message: str) -> None:
        """A store error a read met, said on the UI thread."""
        self.collab.say(message, severity="error")

    def _show_if_here(self, show: Callable[[T], None], data: T) -> None:
        if self.is_attached:
            show(data)
            self._select_pending()

    def select_record(self, table_id: str, key: str) -> None:
        """Put the cursor of the list ``#table_id`` on record ``key`` and focus the list —
        now if it is shown, else as soon as a read shows it (a screen just opened)."""
        self._select_after_show = (table_id, key)
        self._select_pending()

    def _select_pending(self) -> None:
        if self._select_after_show is None:
            return
        table_id, key = self._select_after_show
        found = self.query(f"#{table_id}")
        if not found:
            return
        table = found.first()
        if key in table.rows:
            self._select_after_show = None
            table.move_cursor(row=table.get_row_index(key))
            table.focus()

    def gone(self) -> None:
        """What this screen shows no longer exists (another copy deleted it): say so, leave."""
        from collabtui.i18n import t

        self.collab.say(t("msg.project_gone"), severity="error")
        self.dismiss()
