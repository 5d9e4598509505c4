"""Hostile user text in every text field of a store, and what the app draws of it.

:data:`HOSTILE` is appended to every free-text column of every record (codes, names,
titles, notes, …): Rich markup that would turn bold or quit on a click, ANSI colour
and window-title sequences, a bell, a carriage return, a backspace and a right-to-left
override. It is written straight into the tables (test set-up only, not a user
intent, so no change rows): the point is what the screens and exports do with it.
"""

from __future__ import annotations

from sqlalchemy import update
from sqlmodel import AutoString

from collabtui.store.models import TABLES

#: What every text field gets appended. The markup comes first so a cut keeps it.
HOSTILE = " [bold red]M[/][@click=app.quit]Q[/]\x1b[31mR\x1b]0;T\x07\r\x08\u202eE"
#: What the markup shows as when it is (wrongly) read as markup.
EATEN = "MQ"
#: The markup as it must show: literally.
LITERAL = "[bold red]M[/]"
#: Characters that must never reach the terminal from the data.
FORBIDDEN = {
    *(chr(c) for c in [*range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0)]),
    *(chr(c) for c in [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]),
}
#: Columns that hold machine values, not free text.
_MACHINE = {("progressentry", "week"), ("resourcerequest", "currency")}


def make_hostile(store) -> int:
    """Append :data:`HOSTILE` to every free-text column of ``store``; the columns touched."""
    touched = 0
    with store.engine.begin() as conn:
        for name, model in TABLES.items():
            if name == "change":
                continue
            table = model.__table__
            columns = [
                c
                for c in table.columns
                if isinstance(c.type, AutoString) and (name, c.name) not in _MACHINE
            ]
            if columns:
                conn.execute(update(table).values({c.name: c.concat(HOSTILE) for c in columns}))
                touched += len(columns)
    return touched


def forbidden_in(text: str) -> set[str]:
    """The forbidden characters ``text`` holds (line breaks are ours, not the data's)."""
    return FORBIDDEN & set(text.replace("\n", ""))
