"""Drafts of open forms: nothing typed is lost, and a kept draft is offered back.

While a form is being typed into, its values are written to the data folder (owner-only,
a moment after the last key). The next time the same form opens on the same record —
after a crash, a closed terminal or a killed process too — the draft is put back into
the fields at once (so keys typed while the form opens land after it, never lost), and
the form says so in a bar of its own: when the draft was kept, and the key
(:data:`DISCARD_DRAFT`, shown in the footer too) that drops it and shows the saved
version again. Saving or leaving the form removes the draft.

:class:`KeepsDrafts` is the part of :class:`~collabtui.dialogs.discipline.FormDiscipline`
that does this; it relies on the discipline's ``snapshot``/``form_fields``/``_baseline``.
"""

from __future__ import annotations

import hashlib
import json
from contextlib import suppress
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from textual.binding import Binding
from textual.widget import Widget
from textual.widgets import Input, Select, SelectionList, Static, TextArea

from collabtui.i18n import formats, t

#: Seconds between the last change and writing the draft.
DRAFT_DELAY = 0.4
#: The key that drops a draft that was offered back; every form's base lists it in its
#: BINDINGS (a mixin's are not read), shown in the footer only while a draft is offered.
DISCARD_DRAFT = Binding(
    "ctrl+l", "discard_draft", "key.discard_draft", id="discard-draft", priority=True
)


def drafts_dir() -> Path:
    """Where drafts of open forms are kept."""
    from collabtui.paths import data_dir

    return data_dir() / "drafts"


def field_value(widget: Widget) -> Any:
    """What a field holds, as plain JSON-able data."""
    if isinstance(widget, TextArea):
        return widget.text
    if isinstance(widget, SelectionList):
        return sorted(widget.selected, key=repr)
    if isinstance(widget, Select):
        return None if widget.value is Select.NULL else widget.value
    return widget.value  # type: ignore[attr-defined]  # Input, Checkbox


def set_field_value(widget: Widget, value: Any) -> None:
    """Put ``value`` back into a field (a value a select no longer offers is skipped)."""
    from textual.widgets import Checkbox

    if isinstance(widget, TextArea):
        widget.text = str(value)
    elif isinstance(widget, SelectionList):
        widget.deselect_all()
        for item in value or ():
            with suppress(Exception):  # an option that is gone
                widget.select(item)
    elif isinstance(widget, Select):
        with suppress(Exception):  # an option that is gone
            widget.value = Select.NULL if value is None else value
    elif isinstance(widget, Checkbox):
        widget.value = bool(value)
    elif isinstance(widget, Input):
        widget.value = str(value)
        widget.cursor_position = len(widget.value)


def put_values(fields: list[Widget], values: list) -> None:
    """Put ``[kind, id, value]`` entries (a snapshot) back into the matching fields."""
    for widget, (kind, ident, value) in zip(fields, values, strict=False):
        if type(widget).__name__ == kind and widget.id == ident:
            set_field_value(widget, value)


def _in_row_list(widget: Widget) -> bool:
    from collabtui.widgets.row_list import RowList

    return any(isinstance(node, RowList) for node in widget.ancestors)


def form_state(form, fields: list[Widget]) -> dict:
    """What a form holds, by the shape of the form: the fields with an id by id, the
    others in order, and each list of rows (a request's goals, a meeting's agenda) as
    its rows — ``[record id, values]`` — so rows added or removed come back too."""
    from collabtui.widgets.row_list import RowList

    state: dict[str, Any] = {"ids": {}, "loose": [], "rows": {}}
    for widget in fields:
        if _in_row_list(widget):
            continue
        if widget.id:
            state["ids"][widget.id] = [type(widget).__name__, field_value(widget)]
        else:
            state["loose"].append([type(widget).__name__, field_value(widget)])
    for row_list in form.query(RowList):
        if row_list.id:
            state["rows"][row_list.id] = [[r.record_id, r.values()] for r in row_list.rows]
    return state


def put_state(form, fields: list[Widget], state: dict) -> None:
    """Make the form hold ``state`` (see :func:`form_state`): values into the fields,
    and each list of rows rebuilt when its rows differ (each keeps its record id, so a
    save updates the records it edits)."""
    from collabtui.widgets.row_list import RowList

    ids, loose = state.get("ids", {}), list(state.get("loose", []))
    for widget in fields:
        if _in_row_list(widget):
            continue
        # A field without an id takes the next of those kept in order.
        entry = ids.get(widget.id) if widget.id else (loose.pop(0) if loose else None)
        if entry is not None and entry[0] == type(widget).__name__:
            set_field_value(widget, entry[1])
    for row_list in form.query(RowList):
        wanted = state.get("rows", {}).get(row_list.id)
        if wanted is None:
            continue
        rows = row_list.rows
        if [r.record_id for r in rows] == [record_id for record_id, _ in wanted]:
            for row, (_, values) in zip(rows, wanted, strict=True):
                row.set_values(values)  # typed or picked cells alike
            continue
        for row in rows:  # rows added or removed: the list as it was
            row_list._note_of(row).remove()
            row.remove()
        add = row_list.query_one(".add")
        for record_id, values in wanted:
            row_list.mount_all(row_list._row_widgets(values, record_id), before=add)
        row_list.post_message(RowList.Changed(row_list))


class KeepsDrafts:
    """Mixin of a form screen: keep its draft, offer it back, drop it on request."""

    #: Field ids left out of the draft's key: values that follow the clock (a new risk's
    #: "raised at" is now), so the draft is found again later.
    DRAFT_IGNORES: tuple[str, ...] = ()
    _baseline: list | None = None
    _draft_timer: Any = None
    #: True while a draft that was kept is shown in the form (the bar and the key).
    _draft_restored: bool = False
    #: What the form held when it opened, before a draft was put back (for ``ctrl+l``).
    _opened_state: dict | None = None

    def draft_path(self) -> Path | None:
        """The draft's file: this form, on this store, opened with these values."""
        if self._baseline is None:
            return None
        app = self.app  # type: ignore[attr-defined]
        identity = json.dumps(
            [
                type(self).__name__,
                str(getattr(self, "title_text", "")),
                str(getattr(app, "url", "")),
                [entry for entry in self._baseline if entry[1] not in self.DRAFT_IGNORES],
            ],
            default=str,
            ensure_ascii=False,
        )
        digest = hashlib.sha256(identity.encode()).hexdigest()[:24]
        return drafts_dir() / f"{type(self).__name__}-{digest}.json"

    def _schedule_draft(self) -> None:
        if self._draft_timer is not None:
            self._draft_timer.stop()
        self._draft_timer = self.set_timer(DRAFT_DELAY, self.keep_draft)  # type: ignore[attr-defined]

    def _now(self) -> datetime:
        return self.app.clock.now()  # type: ignore[attr-defined]  # the user's clock

    def keep_draft(self) -> None:
        """Write the draft now (or remove it when nothing differs any more)."""
        self._draft_timer = None
        path = self.draft_path()
        if path is None or not self.is_attached:  # type: ignore[attr-defined]
            return
        if not self.form_dirty:  # type: ignore[attr-defined]
            path.unlink(missing_ok=True)
            return
        from collabtui.files import write_file
        from collabtui.paths import make_private_dir

        make_private_dir(path.parent)
        body = json.dumps(
            {
                "form": type(self).__name__,
                "kept_at": self._now().isoformat(),
                "values": self.snapshot(),  # type: ignore[attr-defined]
                "state": form_state(self, self.form_fields()),  # type: ignore[attr-defined]
            },
            default=str,
        )
        with suppress(OSError):  # a full disk must not stop the typing
            write_file(path, body, private=True)

    def forget_draft(self) -> None:
        """Remove the draft (saved or discarded)."""
        if self._draft_timer is not None:
            self._draft_timer.stop()
            self._draft_timer = None
        path = self.draft_path()
        if path is not None:
            path.unlink(missing_ok=True)

    def _restore_draft(self) -> None:
        """Put a kept draft back into the fields and offer it (the bar, the key)."""
        path = self.draft_path()
        if path is None or not path.is_file():
            return
        try:
            draft = json.loads(path.read_text(encoding="utf-8"))
            values = draft["values"]
            kept_at = datetime.fromisoformat(draft["kept_at"]) if "kept_at" in draft else None
        except (OSError, ValueError, KeyError, TypeError):
            return
        fields = self.form_fields()  # type: ignore[attr-defined]
        self._opened_state = form_state(self, fields)
        if isinstance(draft.get("state"), dict):
            put_state(self, fields, draft["state"])
        else:  # a draft kept before rows were kept by shape
            put_values(fields, values)
        self._draft_restored = True
        self._show_draft_bar(kept_at or datetime.fromtimestamp(path.stat().st_mtime, tz=UTC))
        self.refresh_bindings()  # type: ignore[attr-defined]

    # ------------------------------------------------------------------ the offer

    def draft_key(self) -> str:
        """The key that drops the draft, as the user has it (remaps too)."""
        for bindings in self._bindings.key_to_bindings.values():  # type: ignore[attr-defined]
            for binding in bindings:
                if binding.action == DISCARD_DRAFT.action:
                    return self.app.get_key_display(binding)  # type: ignore[attr-defined]
        return self.app.get_key_display(DISCARD_DRAFT)  # type: ignore[attr-defined]

    def _show_draft_bar(self, kept_at: datetime) -> None:
        clock = self.app.clock  # type: ignore[attr-defined]  # the user's clock and zone
        when = formats.moment_or_time(kept_at, clock.tz, clock.today())
        bar = Static(
            t("form.draft_bar", when=when, key=self.draft_key()), id="draft-bar", markup=False
        )
        anchor = self.query("#form-error")  # type: ignore[attr-defined]
        if anchor:
            anchor.first().parent.mount(bar, before=anchor.first())
        else:
            self.mount(bar)  # type: ignore[attr-defined]

    def action_discard_draft(self) -> None:
        """Drop the draft that was offered back: the form shows what it opened with."""
        if not self._draft_restored or self._baseline is None:
            return
        fields = self.form_fields()  # type: ignore[attr-defined]
        if self._opened_state is not None:
            put_state(self, fields, self._opened_state)
        else:
            put_values(fields, self._baseline)
        self.forget_draft()
        self._draft_restored = False
        for bar in self.query("#draft-bar"):  # type: ignore[attr-defined]
            bar.remove()
        self.refresh_bindings()  # type: ignore[attr-defined]
        self.app.say(t("form.draft_discarded"))  # type: ignore[attr-defined]
        first = self.first_field()  # type: ignore[attr-defined]
        if first is not None:
            self.focus_field(first)  # type: ignore[attr-defined]
