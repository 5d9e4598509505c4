"""A one-line text field that never shows half of a wide character (issue 18).

Textual's :class:`~textual.widgets.Input` scrolls its value by cells and crops the
rendered line at any cell: a Chinese title longer than its box loses the left or right
half of the character at an edge, and the terminal shows a broken glyph. The field here
draws its visible window by whole characters — a two-cell character that does not fit
at an edge is drawn as a space — and scrolls so the cursor's whole character is in view,
the window starting on a character boundary whenever the value allows it.

Every form field goes through :func:`whole_cells`: the forms' row factories
(``RecordForm.field``, the full-screen editors' ``_row``) pass their widget through it.
"""

from __future__ import annotations

from itertools import accumulate

from rich.cells import get_character_cell_size
from rich.segment import Segment
from rich.text import Text
from textual.geometry import Size
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Input

__all__ = ["WholeCellInput", "boundaries", "whole_cells"]


def boundaries(text: str) -> list[int]:
    """The cell offset of every character boundary in ``text``, 0 and the end included."""
    return [0, *accumulate(get_character_cell_size(c) for c in text)]


def window(segments: list[Segment], start: int, width: int) -> list[Segment]:
    """``width`` cells of a rendered line from cell ``start``, by whole characters.

    A character that straddles either edge is drawn as spaces in its own style, so the
    cells keep their positions (the cursor and the mouse count cells from ``start``).
    """
    out: list[Segment] = []
    end = start + width
    position = 0
    for segment in segments:
        if segment.control:
            continue
        style = segment.style
        chars: list[str] = []
        for char in segment.text:
            size = get_character_cell_size(char)
            left, right = position, position + size
            position = right
            if right <= start or left >= end:
                continue
            if left < start or right > end:
                chars.append(" " * (min(right, end) - max(left, start)))
            else:
                chars.append(char)
        if chars:
            out.append(Segment("".join(chars), style))
    shown = sum(s.cell_length for s in out)
    if shown < width:
        out.append(Segment(" " * (width - shown)))
    return out


class WholeCellInput(Input):
    """An :class:`Input` whose visible window holds whole characters only."""

    def _watch_value(self, value: str) -> None:
        super()._watch_value(value)
        self._widen()

    def _widen(self) -> None:
        """One spare cell, so the window can start on the boundary after a wide
        character when the cursor sits at the end of the value."""
        self.virtual_size = Size(self.content_width + 1, 1)

    def _cursor_cells(self) -> tuple[int, int]:
        """The cell offset and the cell width of the character under the cursor."""
        offset = self._cursor_offset
        position = self.cursor_position
        shown = "•" * len(self.value) if self.password else self.value
        size = get_character_cell_size(shown[position]) if position < len(shown) else 1
        return offset, size

    def _watch_selection(self, selection) -> None:
        self.app.clear_selection()
        self._widen()  # Input's value watcher sets its own width before the cursor moves
        if not self._initial_value:
            self.scroll_to(x=self._whole_scroll_x(), animate=False, force=True, immediate=True)
        self.app.cursor_position = self.cursor_screen_offset

    def _whole_scroll_x(self) -> int:
        """Where the window starts so the cursor's whole character shows."""
        width = max(1, self.scrollable_content_region.width)
        offset, size = self._cursor_cells()
        start = round(self.scroll_x)
        if offset < start:
            start = offset
        elif offset + size > start + width:
            start = offset + size - width
        shown = "•" * len(self.value) if self.password else self.value
        for edge in boundaries(shown):
            if edge >= start:
                if edge <= offset:
                    return edge
                break
        return start

    def render_line(self, y: int) -> Strip:
        if y != 0 or (not self.value and not self.placeholder):
            return super().render_line(y)
        width = self.scrollable_content_region.width
        if not self.value:
            return self._placeholder_line(width)
        # Input draws its value from scroll_x and crops at any cell; draw the same
        # cells from the full line, by whole characters.
        line = window(self._full_line(), round(self.scroll_x), width)
        return Strip(line).apply_style(self.rich_style)

    def _full_line(self) -> list[Segment]:
        """The value as Input renders it (cursor, selection, suggestion), uncropped."""
        options = self.app.console_options.update_width(self.content_width)
        return list(self.app.console.render(self._styled_value(), options))

    def _styled_value(self) -> Text:
        result = self._value
        value_length = len(self.value)
        suggestion = self._suggestion
        show_suggestion = len(suggestion) > value_length and self.has_focus
        if show_suggestion:
            result += Text(
                suggestion[value_length:],
                self.get_component_rich_style("input--suggestion"),
                end="",
            )
        if self.has_focus:
            if not self.selection.is_empty:
                start, end = sorted(self.selection)
                result.stylize_before(self.get_component_rich_style("input--selection"), start, end)
            if self._cursor_visible:
                cursor = self.cursor_position
                if not show_suggestion and self.cursor_at_end:
                    result.pad_right(1)
                result.stylize(self.get_component_rich_style("input--cursor"), cursor, cursor + 1)
        return result

    def _placeholder_line(self, width: int) -> Strip:
        placeholder = Text(self.placeholder, justify="left", end="", no_wrap=True)
        placeholder.stylize(self.get_component_rich_style("input--placeholder"))
        if self.has_focus and self._cursor_visible:
            placeholder.stylize(self.get_component_rich_style("input--cursor"), 0, 1)
        console = self.app.console
        options = self.app.console_options.update_width(max(1, placeholder.cell_len))
        segments = list(console.render(placeholder, options))
        return Strip(window(segments, 0, width)).apply_style(self.rich_style)


def whole_cells(widget: Widget) -> Widget:
    """The form field ``widget``, drawing by whole characters if it is a text field.

    A plain :class:`Input` built by a form becomes a :class:`WholeCellInput` before it
    is mounted: the subclass adds behaviour only (no state of its own), so the forms
    keep building ``Input(value, placeholder=...)`` as they do.
    """
    if type(widget) is Input:
        widget.__class__ = WholeCellInput
    return widget
