"""Editable rows of inputs: the list sections of a form (goals, milestones, …)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Select, Static
from textual.widgets.select import InvalidSelectValueError

from collabtui.text import safe
from collabtui.widgets.text_input import WholeCellInput


@dataclass(frozen=True)
class Column:
    """One input per row: its name, caption, placeholder and CSS width. A column with
    ``choices`` (``(label, value)`` pairs) is picked from a list, not typed (issue 18):
    its value is the chosen value, ``""`` for none."""

    name: str
    caption: str
    placeholder: str = ""
    width: str = "1fr"
    choices: tuple[tuple[str, str], ...] | None = None


#: A row's cells: typed or picked.
CELLS = "Input, Select"


class ListRow(Horizontal):
    """One row: an input per column, remembering the record it edits."""

    def __init__(self, columns: Sequence[Column], values: Sequence[str], record_id: int | None):
        super().__init__(classes="list-row")
        self.columns = columns
        self.initial = list(values)
        self.record_id = record_id

    def compose(self) -> ComposeResult:
        for column, value in zip(self.columns, self.initial, strict=True):
            field: Widget
            if column.choices is not None:
                choices = list(column.choices)
                if value and value not in {v for _, v in choices}:
                    choices.append((value, value))  # kept as it was stored, never dropped
                field = Select(
                    [(safe(label), v) for label, v in choices],
                    value=value or Select.NULL,
                    prompt=column.placeholder or "-",
                    classes=f"col-{column.name}",
                )
            else:
                field = WholeCellInput(
                    value, placeholder=column.placeholder, classes=f"col-{column.name}"
                )
            field.styles.width = column.width
            yield field

    def cells(self) -> list[Widget]:
        """The row's inputs and pickers, column by column."""
        return list(self.query(CELLS))

    def values(self) -> list[str]:
        """What is typed or picked in this row, column by column (``""`` for none)."""
        return [_value_of(cell) for cell in self.cells()]

    def set_values(self, values: Sequence[str]) -> None:
        """Put ``values`` back (a choice no longer offered leaves its picker empty)."""
        for cell, value in zip(self.cells(), values, strict=False):
            if isinstance(cell, Select):
                try:
                    cell.value = value or Select.NULL
                except InvalidSelectValueError:
                    cell.value = Select.NULL
            elif isinstance(cell, Input):
                cell.value = str(value)


def _value_of(cell: Widget) -> str:
    if isinstance(cell, Select):
        return "" if cell.value is Select.NULL else str(cell.value)
    return cell.value if isinstance(cell, Input) else ""


class RowList(Vertical):
    """A titled list of rows with an add button; ``ctrl+n``/``ctrl+r`` are the screen's."""

    DEFAULT_CSS = """
    RowList { height: auto; margin-bottom: 1; }
    RowList .list-head { height: 1; color: $text-muted; }
    RowList .list-head Label { padding: 0 1; }
    RowList .list-row { height: auto; }
    RowList .row-note { height: auto; padding: 0 1; }
    RowList .row-note.error { color: $error; }
    RowList .row-note.hint { color: $warning; }
    RowList .add { margin: 0 1; min-width: 10; }
    """

    class Changed(Message):
        """Something in the list was typed, added or removed."""

        def __init__(self, row_list: RowList):
            super().__init__()
            self.row_list = row_list

    def __init__(
        self,
        columns: Sequence[Column],
        rows: Sequence[tuple[int | None, Sequence[str]]],
        *,
        add_label: str,
        id: str | None = None,
    ):
        super().__init__(id=id)
        self.columns = list(columns)
        self.initial_rows = list(rows)
        #: What a row held when its note was shown (a note goes when the row changes).
        self._shown_for: dict[int, list[str]] = {}
        self.add_label = add_label

    def compose(self) -> ComposeResult:
        with Horizontal(classes="list-head"):
            for column in self.columns:
                caption = Label(safe(column.caption))
                caption.styles.width = column.width
                yield caption
        for record_id, values in self.initial_rows:
            yield from self._row_widgets(values, record_id)
        yield Button(self.add_label, classes="add")

    def _row_widgets(self, values: Sequence[str], record_id: int | None) -> list[Widget]:
        return [ListRow(self.columns, values, record_id), Static("", classes="row-note")]

    @property
    def rows(self) -> list[ListRow]:
        """The rows, top to bottom."""
        return list(self.query(ListRow))

    def values(self) -> list[tuple[int | None, list[str]]]:
        """``(record id, values)`` of every row, top to bottom."""
        return [(row.record_id, row.values()) for row in self.rows]

    def add_row(self, values: Sequence[str] | None = None, *, after: ListRow | None = None) -> None:
        """Add an empty row (after ``after`` or at the end) and focus its first input."""
        widgets = self._row_widgets(values or [""] * len(self.columns), None)
        if after is not None:
            note = self._note_of(after)
            self.mount_all(widgets, after=note)
        else:
            self.mount_all(widgets, before=self.query_one(".add"))
        self.call_after_refresh(lambda: widgets[0].query(CELLS).first().focus())
        self.post_message(self.Changed(self))

    def remove_row(self, row: ListRow) -> None:
        """Remove ``row`` and move the focus to a neighbour."""
        rows = self.rows
        index = rows.index(row)
        note = self._note_of(row)
        row.remove()
        note.remove()
        rest = [r for r in rows if r is not row]
        if rest:
            target = rest[min(index, len(rest) - 1)]
            self.call_after_refresh(lambda: target.query(CELLS).first().focus())
        else:
            self.call_after_refresh(lambda: self.query_one(".add", Button).focus())
        self.post_message(self.Changed(self))

    def row_of(self, widget: Widget | None) -> ListRow | None:
        """The row holding ``widget``, if any."""
        node = widget
        while node is not None and node is not self:
            if isinstance(node, ListRow):
                return node
            node = node.parent
        return None

    def _note_of(self, row: ListRow) -> Static:
        children = list(self.children)
        return children[children.index(row) + 1]  # type: ignore[return-value]

    def note(self, index: int, text: str, kind: str, *, column: str | None = None) -> None:
        """Show ``text`` under row ``index`` (``kind``: ``error`` or ``hint``), under the
        input of ``column`` when one is named (else under the row's start)."""
        row = self.rows[index]
        note = self._note_of(row)
        note.set_classes(f"row-note {kind}")
        note.update(safe(text))
        self._shown_for[id(note)] = row.values()
        self.call_after_refresh(self._indent, note, row, column if text else None)

    def _indent(self, note: Static, row: ListRow, column: str | None) -> None:
        """Put a note's text under its column's input."""
        cell = self.cell_of(row, column) if column else None
        offset = max(cell.region.x - row.region.x, 0) if cell is not None else 0
        note.styles.padding = (0, 1, 0, offset + 1)

    def cell_of(self, row: ListRow, column: str | None) -> Widget | None:
        """The input (or picker) of ``column`` in ``row``."""
        found = row.query(f".col-{column}") if column else None
        return found.first() if found else None

    def cell(self, index: int, column: str | None) -> Widget:
        """The input of ``column`` in row ``index`` (the row when no column is named)."""
        row = self.rows[index]
        return self.cell_of(row, column) or row

    def clear_notes(self) -> None:
        """Remove every row's message."""
        for note in self.query(".row-note"):
            note.update("")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.has_class("add"):
            event.stop()
            self.add_row()

    def on_input_changed(self, event: Input.Changed) -> None:
        """A change clears the row's error (a hint is the screen's to refresh)."""
        self._cell_changed(event.input)

    def on_select_changed(self, event: Select.Changed) -> None:
        """A choice clears the row's error, as typing does."""
        self._cell_changed(event.select)

    def _cell_changed(self, cell: Widget) -> None:
        row = self.row_of(cell)
        if row is not None:
            note = self._note_of(row)
            if note.has_class("error") and self._shown_for.get(id(note)) != row.values():
                note.update("")
                note.set_classes("row-note")
        self.post_message(self.Changed(self))
