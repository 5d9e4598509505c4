"""The directory: departments and people, picked everywhere else as owners and signers."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Header, TabbedContent, TabPane

from collabtui.dialogs.forms import (
    DepartmentForm,
    PersonForm,
    new_department_form,
    new_person_form,
)
from collabtui.domain.errors import StoreError
from collabtui.i18n import t
from collabtui.screens.base import CollabScreen
from collabtui.widgets.footer import Footer
from collabtui.widgets.record_table import RecordTable


class DirectoryScreen(CollabScreen):
    """Add, edit, retire and restore departments and people."""

    BINDINGS = [
        Binding("escape", "back", "key.back", id="back"),
        Binding("a", "add", "key.add", id="add"),
        Binding("e", "edit", "key.edit", id="edit"),
        Binding("x", "retire", "key.retire", id="retire"),
        Binding("full_stop", "toggle_retired", "key.show_retired", id="show-retired"),
    ]

    def __init__(self, tab: str | None = None):
        super().__init__()
        self.initial_tab = tab if tab in ("departments", "people") else "departments"
        self.show_retired = False
        self._departments = []
        self._people = []
        self._shown = False  # no read has arrived yet

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="◆")
        with TabbedContent(initial=self.initial_tab):
            with TabPane(t("tab.departments"), id="departments"):
                yield RecordTable(id="department-table", enter=t("key.edit"))
            with TabPane(t("tab.people"), id="people"):
                yield RecordTable(id="person-table", enter=t("key.edit"))
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = t("directory.title")
        self.refresh_data()

    @property
    def tab(self) -> str:
        """The tab in front: ``departments`` or ``people``."""
        return self.query_one(TabbedContent).active

    def reload_from_store(self) -> None:
        """Another copy changed the store: read again (the cursor stays on its record)."""
        self.refresh_data()

    def refresh_data(self, *, now: bool = False) -> None:
        """Read both lists and show them: off the UI thread, or at once after a write."""
        store = self.collab.store
        read = self.read_now if now else self.read_then
        read(
            lambda: (store.departments(include_retired=True), store.people(include_retired=True)),
            self._show,
        )

    def _show(self, read: tuple[list, list]) -> None:
        first = not self._shown
        self._departments, self._people, self._shown = *read, True
        self._draw()
        if first:  # the list of the tab in front takes the keys, once there is a list
            table_id = "#person-table" if self.tab == "people" else "#department-table"
            self.query_one(table_id, RecordTable).focus()

    def _draw(self) -> None:
        """Fill both tables from the lists last read (retired ones when asked)."""
        names = {d.id: d.name for d in self._departments}
        people = {p.id: p.name for p in self._people}
        visible_d = [d for d in self._departments if self.show_retired or d.retired_at is None]
        visible_p = [p for p in self._people if self.show_retired or p.retired_at is None]
        self.query_one("#department-table", RecordTable).show(
            [t("col.department"), t("col.head"), t("col.external"), t("col.note"), t("col.state")],
            [
                (
                    str(d.id),
                    [
                        d.name,
                        people.get(d.head_id, ""),
                        t("value.yes") if d.external else "",
                        d.note,
                        _state(d.retired_at),
                    ],
                )
                for d in visible_d
            ],
        )
        self.query_one("#person-table", RecordTable).show(
            [
                t("col.name"),
                t("col.department"),
                t("col.role"),
                t("col.email"),
                t("col.chat"),
                t("col.state"),
            ],
            [
                (
                    str(p.id),
                    [
                        p.name,
                        names.get(p.department_id, ""),
                        p.role,
                        p.email,
                        p.chat,
                        _state(p.retired_at),
                    ],
                )
                for p in visible_p
            ],
        )

    def _current(self):
        """The department or person under the cursor of the tab in front."""
        if self.tab == "departments":
            key = self.query_one("#department-table", RecordTable).cursor_key
            records = self._departments
        else:
            key = self.query_one("#person-table", RecordTable).cursor_key
            records = self._people
        if key is None:
            return None
        return next((r for r in records if r.id == int(key)), None)

    def _after_save(self, result) -> None:
        if result is not None:
            self.refresh_data(now=True)
            self.collab.say(t("msg.saved"))

    def action_add(self) -> None:
        store = self.collab.store
        active_people = [p for p in self._people if p.retired_at is None]
        active_depts = [d for d in self._departments if d.retired_at is None]
        if self.tab == "departments":
            form = new_department_form(store, active_people)
        else:
            form = new_person_form(store, active_depts)
        self.app.push_screen(form, self._after_save)

    def action_edit(self) -> None:
        record = self._current()
        if record is None:
            return
        store = self.collab.store
        if self.tab == "departments":
            form = DepartmentForm(
                lambda v: store.edit_department(record.id, record.version, **v),
                [p for p in self._people if p.retired_at is None],
                record,
            )
        else:
            form = PersonForm(
                lambda v: store.edit_person(record.id, record.version, **v),
                [d for d in self._departments if d.retired_at is None],
                record,
            )
        self.app.push_screen(form, self._after_save)

    def on_data_table_row_selected(self, event: RecordTable.RowSelected) -> None:
        """Enter on a row edits it."""
        event.stop()
        self.action_edit()

    def action_retire(self) -> None:
        """Retire the record under the cursor, or bring back a retired one."""
        record = self._current()
        if record is None:
            return
        store = self.collab.store
        retire = record.retired_at is None
        try:
            if self.tab == "departments":
                store.retire_department(record.id, record.version, retired=retire)
            else:
                store.retire_person(record.id, record.version, retired=retire)
        except StoreError as exc:
            self.collab.say(str(exc), severity="error")
            return
        self.collab.say(
            t("msg.retired", name=record.name) if retire else t("msg.restored", name=record.name)
        )
        self.refresh_data(now=True)

    def action_toggle_retired(self) -> None:
        self.show_retired = not self.show_retired
        self._draw()  # the same records, more or fewer shown: no read

    def action_back(self) -> None:
        self.dismiss()


def _state(retired_at) -> Text:
    return Text(t("value.retired"), style="dim italic") if retired_at else Text("")
