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
  moment after the last key) and offered back the next time the same form opens on the same
  record — after a crash or a killed process too: the form shows the draft with a bar
  saying when it was kept and the key back to the saved version
  (:mod:`collabtui.dialogs.drafts`); saving or discarding removes them.
"""

from __future__ import annotations

from typing import Any

from textual.binding import Binding
from textual.widget import Widget
from textual.widgets import Checkbox, Input, Select, SelectionList, TextArea
from textual.widgets.input import Selection as InputSelection

from collabtui.dialogs.base import move_between_buttons
from collabtui.dialogs.drafts import (
    DISCARD_DRAFT,
    KeepsDrafts,
    drafts_dir,
    field_value,
    set_field_value,
)
from collabtui.i18n import t

__all__ = [
    "ADD_CHOICE",
    "DISCARD_DRAFT",
    "FormDiscipline",
    "drafts_dir",
    "field_value",
    "set_field_value",
]

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


class FormDiscipline(KeepsDrafts):
    """Mixin for a :class:`~textual.screen.Screen` that is a form (see the module)."""

    #: No automatic focus: the form focuses its first field itself, once any draft is back.
    AUTO_FOCUS = ""
    #: True once the form has mounted, focused its first field and restored any draft.
    form_ready: bool = False
    #: The values the form opened with (``None`` until it is ready).
    _baseline: list | None = None
    #: The fields' values (by id) when errors were last shown: a change is a change
    #: from these (a late message about an earlier keystroke clears nothing).
    _error_values: dict | None = None

    def __init_subclass__(cls, **kwargs) -> None:
        """Every form gets the draft's key (:data:`DISCARD_DRAFT`) in its own bindings:
        Textual reads BINDINGS from the screen classes only, never from a mixin."""
        own = cls.__dict__.get("BINDINGS")
        if own is None or DISCARD_DRAFT not in own:
            cls.BINDINGS = [*(own or ()), DISCARD_DRAFT]  # type: ignore[attr-defined]
        super().__init_subclass__(**kwargs)

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
        self.dismiss(None)

    def form_saved(self) -> None:
        """Call when the form saved: its draft is no longer needed."""
        self.forget_draft()

    def dismiss(self, result: Any = None):
        """Close the form: a saved or left form keeps no draft."""
        self.forget_draft()
        return super().dismiss(result)  # type: ignore[misc]

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
        if action == "discard_draft":
            return self._draft_restored
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
