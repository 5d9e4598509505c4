"""One discipline for every form: nothing typed is lost, every form behaves the same way.

:class:`FormDiscipline` is mixed into the modal forms (:class:`~collabtui.dialogs.forms.RecordForm`,
the reason dialog) and the full-screen editors (request form, meeting planner, task
editor, confirmation minutes). It reads every field of the screen generically — ``Input``,
``TextArea``, ``Select``, ``Checkbox``, ``SelectionList`` in screen order — so a new form
gets all of this without code of its own:

* **dirty tracking** against what the form showed when it opened;
* **leaving**: ``escape`` on a dirty form asks (keep editing / discard, keep editing has
  the focus); quitting the app with a dirty form anywhere asks (``CollabApp.action_quit``);
* **opening**: the first text field (or the first field, a checklist's list) has the
  focus; no field selects its whole value on focus, so the next key never erases it;
  keys typed while the form was opening reach that field in order (the app holds them
  until :attr:`form_ready`, see :mod:`collabtui.typeahead`);
* **errors**: :meth:`show_field_error` puts a message under its field and focuses that
  field with the cursor at the end; the message disappears as soon as the field changes;
* **drafts**: while typing, the values are kept in the data folder (owner-only, written a
  moment after the last key) and restored the next time the same form opens on the same
  record — after a crash or a killed process too; saving or discarding removes them.
"""

from __future__ import annotations

import hashlib
import json
from contextlib import suppress
from pathlib import Path
from typing import Any

from textual.binding import Binding
from textual.widget import Widget
from textual.widgets import Checkbox, Input, Select, SelectionList, TextArea
from textual.widgets.input import Selection as InputSelection

from collabtui.dialogs.base import move_between_buttons
from collabtui.i18n import t

#: Fields (``f-<name>`` selects) that pick a person, and those that pick a department:
#: ``+`` on one adds a new person or department and picks it.
PERSON_PICKERS = frozenset(
    {"head_id", "host_id", "lead_id", "owner_id", "person_id", "raised_by_id", "recorder_id"}
)
DEPARTMENT_PICKERS = frozenset({"department_id", "requesting_department_id", "support_from_id"})
#: The key of that; the forms' bases list it in their BINDINGS (a mixin's are not read).
ADD_CHOICE = Binding("plus", "add_choice", "key.add_choice", id="add-choice")

#: The widgets a form's values live in.
FIELD_TYPES = (Input, TextArea, Select, Checkbox, SelectionList)
#: Seconds between the last change and writing the draft.
DRAFT_DELAY = 0.4


def field_value(widget: Widget) -> Any:
    """What a field holds, as plain JSON-able data."""
    if isinstance(widget, TextArea):
        return widget.text
    if isinstance(widget, SelectionList):
        return sorted(widget.selected, key=repr)
    if isinstance(widget, Select):
        return None if widget.value is Select.NULL else widget.value
    return widget.value  # Input, Checkbox


def set_field_value(widget: Widget, value: Any) -> None:
    """Put ``value`` back into a field (a value a select no longer offers is skipped)."""
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


def drafts_dir() -> Path:
    """Where drafts of open forms are kept."""
    from collabtui.paths import data_dir

    return data_dir() / "drafts"


class FormDiscipline:
    """Mixin for a :class:`~textual.screen.Screen` that is a form (see the module)."""

    #: No automatic focus: the form focuses its first field itself, once any draft is back.
    AUTO_FOCUS = ""
    #: Field ids left out of the draft's key: values that follow the clock (a new risk's
    #: "raised at" is now), so the draft is found again later.
    DRAFT_IGNORES: tuple[str, ...] = ()
    #: True once the form has mounted, focused its first field and restored any draft.
    form_ready: bool = False
    #: The values the form opened with (``None`` until it is ready).
    _baseline: list | None = None
    _draft_timer = None
    _draft_restored: bool = False
    #: The fields' values (by id) when errors were last shown: a change is a change
    #: from these (a late message about an earlier keystroke clears nothing).
    _error_values: dict | None = None

    # ------------------------------------------------------------------ reading

    def form_fields(self) -> list[Widget]:
        """Every field of the form, in screen order."""
        return [w for w in self.query("*") if isinstance(w, FIELD_TYPES)]  # type: ignore[attr-defined]

    def snapshot(self) -> list:
        """The values of every field, in screen order."""
        return [[type(w).__name__, w.id, field_value(w)] for w in self.form_fields()]

    @property
    def form_dirty(self) -> bool:
        """True when something differs from what the form opened with."""
        if self._baseline is None:
            return False
        try:
            return self.snapshot() != self._baseline
        except Exception:  # a form being taken down
            return False

    def first_field(self) -> Widget | None:
        """The field that gets the focus: the first text field, else the first field."""
        fields = [w for w in self.form_fields() if w.focusable]
        for widget in fields:
            if isinstance(widget, Input | TextArea):
                return widget
        return fields[0] if fields else None

    # ------------------------------------------------------------------ opening

    def on_mount(self) -> None:
        for widget in self.query(Input):  # type: ignore[attr-defined]
            widget.select_on_focus = False
        self.call_after_refresh(self._open_form)  # type: ignore[attr-defined]

    def _open_form(self) -> None:
        self._baseline = self.snapshot()
        self._restore_draft()
        first = self.first_field()
        if first is not None and self.focused is None:  # type: ignore[attr-defined]
            # At once (Widget.focus waits a turn): held keys go to it as soon as it is ready.
            self.set_focus(first)  # type: ignore[attr-defined]
            if isinstance(first, Input):
                first.cursor_position = len(first.value)
            elif isinstance(first, TextArea):
                first.move_cursor(first.document.end)
        self.form_ready = True
        app = self.app  # type: ignore[attr-defined]
        release = getattr(app, "release_type_ahead", None)
        if release is not None:
            app.call_later(release)

    def rebase_form(self) -> None:
        """The form now shows what is stored (reloaded after a save of a part of it):
        that is what "unchanged" means from here on."""
        if self._baseline is not None:
            self._baseline = self.snapshot()

    # ------------------------------------------------------------------ errors

    def focus_field(self, widget: Widget) -> None:
        """Focus a field with the cursor at the end of its value and nothing selected."""
        widget.focus()
        if isinstance(widget, Input):
            widget.selection = InputSelection.cursor(len(widget.value))
        elif isinstance(widget, TextArea):
            widget.move_cursor(widget.document.end)

    def errors_shown(self) -> None:
        """Call when showing errors: each stays until its field differs from now."""
        self._error_values = {w.id: field_value(w) for w in self.form_fields() if w.id}

    def show_field_error(self, name: str, text: str) -> bool:
        """Show ``text`` under field ``name`` and focus it; False when there is no such field."""
        from collabtui.text import safe

        self.errors_shown()
        errors = self.query(f"#e-{name}")  # type: ignore[attr-defined]
        fields = self.query(f"#f-{name}")  # type: ignore[attr-defined]
        if not errors:
            return False
        errors.first().update(safe(text))
        if fields:
            self.focus_field(fields.first())
        return True

    def _field_changed(self, widget: Widget | None) -> None:
        """A field changed: its error goes, the draft is kept."""
        if not self.form_ready or widget is None:
            return
        self._schedule_draft()
        shown = self._error_values
        if shown is not None and shown.get(widget.id, object()) == field_value(widget):
            return  # not changed since the errors were shown
        if widget.id and widget.id.startswith("f-"):
            for error in self.query(f"#e-{widget.id[2:]}"):  # type: ignore[attr-defined]
                error.update("")
        for error in self.query("#form-error"):  # type: ignore[attr-defined]
            error.update("")

    def on_input_changed(self, event: Input.Changed) -> None:
        self._field_changed(event.input)

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        self._field_changed(event.text_area)

    def on_select_changed(self, event: Select.Changed) -> None:
        self._field_changed(event.select)

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        self._field_changed(event.checkbox)

    def on_selection_list_selected_changed(self, event: SelectionList.SelectedChanged) -> None:
        self._field_changed(event.selection_list)

    # ------------------------------------------------------------------ leaving

    def leave_form(self) -> None:
        """``escape``: leave; a dirty form asks first (keep editing has the focus)."""
        if not self.form_dirty:
            self.discard_form()
            return
        from collabtui.dialogs.question import ConfirmDialog

        def answer(discard: bool | None) -> None:
            if discard:
                self.discard_form()

        self.app.push_screen(  # type: ignore[attr-defined]
            ConfirmDialog(
                t("form.discard_question"), t("button.discard"), t("button.keep_editing")
            ),
            answer,
        )

    def discard_form(self) -> None:
        """Leave without saving: the draft goes too."""
        self.forget_draft()
        self.dismiss(None)  # type: ignore[attr-defined]

    def form_saved(self) -> None:
        """Call when the form saved: its draft is no longer needed."""
        self.forget_draft()

    def dismiss(self, result: Any = None):
        """Close the form: a saved or left form keeps no draft."""
        self.forget_draft()
        return super().dismiss(result)  # type: ignore[misc]

    # ------------------------------------------------------------------ drafts

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

    def keep_draft(self) -> None:
        """Write the draft now (or remove it when nothing differs any more)."""
        self._draft_timer = None
        path = self.draft_path()
        if path is None or not self.is_attached:  # type: ignore[attr-defined]
            return
        if not self.form_dirty:
            path.unlink(missing_ok=True)
            return
        from collabtui.files import write_file
        from collabtui.paths import make_private_dir

        make_private_dir(path.parent)
        body = json.dumps({"form": type(self).__name__, "values": self.snapshot()}, default=str)
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
        """Put a kept draft back into the fields and say so."""
        path = self.draft_path()
        if path is None or not path.is_file():
            return
        try:
            values = json.loads(path.read_text(encoding="utf-8"))["values"]
        except (OSError, ValueError, KeyError, TypeError):
            return
        fields = self.form_fields()
        for widget, (kind, ident, value) in zip(fields, values, strict=False):
            if type(widget).__name__ == kind and widget.id == ident:
                set_field_value(widget, value)
        self._draft_restored = True
        self.app.say(t("form.draft_restored"))  # type: ignore[attr-defined]

    # ------------------------------------------------------------------ pickers

    def picker_kind(self) -> str | None:
        """``person`` or ``department`` when the focus is on such a picker."""
        widget = self.focused  # type: ignore[attr-defined]
        if isinstance(widget, Select) and widget.id and widget.id.startswith("f-"):
            name = widget.id[2:]
            if name in PERSON_PICKERS:
                return "person"
            if name in DEPARTMENT_PICKERS:
                return "department"
        return None

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action == "add_choice":
            return self.picker_kind() is not None
        return super().check_action(action, parameters)  # type: ignore[misc]

    def action_add_choice(self) -> None:
        """``+`` on a person or department picker: add one (the directory's form) and pick it."""
        kind, select = self.picker_kind(), self.focused  # type: ignore[attr-defined]
        adder = getattr(self.app, "add_to_directory", None)  # type: ignore[attr-defined]
        if kind is None or adder is None:
            return

        def added(record) -> None:
            if record is None:
                return
            from collabtui.text import safe

            options = [
                (prompt, value)
                for prompt, value in getattr(select, "_options", ())  # no public list
                if value is not Select.NULL
            ]
            select.set_options([*options, (safe(record.name), record.id)])
            select.value = record.id
            select.focus()

        adder(kind, added)

    # ------------------------------------------------------------------ buttons

    def on_key(self, event) -> None:
        move_between_buttons(self, event)
