"""Property: any valid store survives export → import → export byte for byte.

Hypothesis builds a whole document — departments with heads, people, projects whose
confirmation meeting comes later, meetings following up each other, attendees,
goals, decisions, tasks with daily updates, risks and the tasks they threaten, and
change-log rows — with Chinese and hostile text everywhere (markup, formula
prefixes, quotes, newlines, control characters, emoji; only lone surrogates and NUL
are left out: no UTF-8 text holds the first, and PostgreSQL cannot store the second,
which the import refuses, see test_exchange). The document must pass every check,
import into an empty store and come back out exactly as it went in.
"""

from __future__ import annotations

import json
import math
from datetime import UTC, date, datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from collabtui.domain.bounds import NUMBER_LIMIT, WEEK_COLUMNS
from collabtui.domain.weeks import iso_week
from collabtui.store.interchange.format import (
    FORMAT,
    SCHEMA_VERSION,
    columns,
    decode_row,
    decode_tables,
    references,
    render_export,
    table_names,
)
from collabtui.store.interchange.stream import Document
from collabtui.store.interchange.validate import check, check_document
from collabtui.store.loader import VALUE_RANGES
from collabtui.store.models import TABLES

HOSTILE = [
    "[bold]x[/]",
    "[/]",
    "[@click=app.quit]x[/]",
    "=cmd|' /C calc'!A0",
    "+1",
    "-1",
    "@SUM(A1)",
    "\"quoted\" and 'single'",
    "line one\nline two\r\nthree",
    "\x1b[31mred\x1b[0m \x07 \x7f",
    "😀 👍🏽 🇨🇳",
    "产品原型设计 · 市场部",
    "\u2028\u2029 \ufeff",
    "| pipe | table |",
    "    ",
]

texts = st.one_of(
    st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=24),
    st.sampled_from(HOSTILE),
)
titles = texts.filter(str.strip)
times = st.datetimes(
    min_value=datetime(1970, 1, 1), max_value=datetime(2100, 1, 1), timezones=st.just(UTC)
).map(datetime.isoformat)
dates = st.dates(date(1900, 1, 1), date(2200, 12, 31))
floats = st.floats(allow_nan=False, allow_infinity=False).filter(
    lambda x: x != 0 or math.copysign(1, x) > 0  # -0.0 is stored as 0.0 by SQLite
)


#: What the change log's ``changes`` holds as old and new values: plain JSON scalars.
_plain_values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**31), 2**31 - 1),
    texts,
    floats.filter(lambda x: abs(x) <= NUMBER_LIMIT),
)


def _value(table: str, name: str, kind: str):
    """A strategy for any valid value of a column (references are set by the caller)."""
    column = TABLES[table].__table__.c[name]
    if kind == "integer":
        low, high = VALUE_RANGES.get(name, (1, 2**31 - 1))
        base = st.integers(low, high)
    elif kind == "number":
        base = floats.filter(lambda x: abs(x) <= NUMBER_LIMIT)  # the value domain's range
    elif kind == "boolean":
        base = st.booleans()
    elif kind == "enum":
        base = st.sampled_from([m.value for m in column.type.enum_cls])
    elif kind == "date":
        base = dates.map(date.isoformat)
    elif kind == "datetime":
        base = times
    elif (table, name) in WEEK_COLUMNS:
        base = dates.map(iso_week).filter(lambda w: w[:4] <= "2200")
    elif (table, name) == ("change", "changes"):
        base = st.dictionaries(
            texts.filter(bool), st.lists(_plain_values, min_size=2, max_size=2)
        ).map(lambda d: json.dumps(d, ensure_ascii=False, sort_keys=True))
    else:
        base = texts
    return st.one_of(st.none(), base) if column.nullable else base


def _row(draw, table: str, row_id: int, **fixed) -> dict:
    refs = {column for column, _ in references(table)}
    row = {}
    for name, kind in columns(table):
        if name == "id":
            row[name] = row_id
        elif name in fixed:
            row[name] = fixed[name]
        elif name in refs:
            row[name] = None
        else:
            row[name] = draw(_value(table, name, kind))
    return row


def _ids(draw, low: int, high: int) -> list[int]:
    return sorted(draw(st.lists(st.integers(1, 10**6), min_size=low, max_size=high, unique=True)))


def _maybe(draw, ids: list[int]):
    return draw(st.one_of(st.none(), st.sampled_from(ids))) if ids else None


@st.composite
def documents(draw) -> dict:
    tables: dict[str, list[dict]] = {name: [] for name in table_names()}
    dept_ids, person_ids = _ids(draw, 1, 3), _ids(draw, 1, 4)
    project_ids, meeting_ids = _ids(draw, 1, 2), _ids(draw, 1, 3)
    names = draw(st.lists(texts, min_size=len(dept_ids), max_size=len(dept_ids), unique=True))
    for i, name in zip(dept_ids, names, strict=True):
        head = _maybe(draw, person_ids)
        tables["department"].append(_row(draw, "department", i, name=name, head_id=head))
    for i in person_ids:
        dept = _maybe(draw, dept_ids)
        tables["person"].append(_row(draw, "person", i, department_id=dept))
    codes = draw(st.lists(texts, min_size=len(project_ids), max_size=len(project_ids), unique=True))
    for i, code in zip(project_ids, codes, strict=True):
        refs = {
            "requesting_department_id": _maybe(draw, dept_ids),
            "lead_id": _maybe(draw, person_ids),
            "confirmation_meeting_id": _maybe(draw, meeting_ids),
        }
        tables["project"].append(_row(draw, "project", i, code=code, **refs))
    for i in meeting_ids:
        refs = {
            "project_id": _maybe(draw, project_ids),
            "host_id": _maybe(draw, person_ids),
            "follow_up_of_id": _maybe(draw, meeting_ids),
        }
        tables["meeting"].append(_row(draw, "meeting", i, **refs))
    pairs = draw(st.sets(st.tuples(st.sampled_from(meeting_ids), st.sampled_from(person_ids))))
    for n, (meeting, person) in enumerate(sorted(pairs), start=1):
        tables["attendee"].append(_row(draw, "attendee", n, meeting_id=meeting, person_id=person))
    goal_ids = _ids(draw, 0, 2)
    for i in goal_ids:
        tables["goal"].append(_row(draw, "goal", i, project_id=draw(st.sampled_from(project_ids))))
    decision_ids = _ids(draw, 0, 2)
    for i in decision_ids:
        meeting = draw(st.sampled_from(meeting_ids))
        tables["decision"].append(_row(draw, "decision", i, meeting_id=meeting))
    task_ids = _ids(draw, 1, 4)
    task_codes = draw(st.lists(titles, min_size=len(task_ids), max_size=len(task_ids), unique=True))
    for i, code in zip(task_ids, task_codes, strict=True):
        start, due = sorted(draw(st.lists(dates, min_size=2, max_size=2)))
        refs = {
            "project_id": draw(st.sampled_from(project_ids)),
            "owner_id": draw(st.sampled_from(person_ids)),
            "goal_id": _maybe(draw, goal_ids),
            "decision_id": _maybe(draw, decision_ids),
        }
        fields = {"code": code, "title": draw(titles), "start_on": None, "due_on": None}
        if draw(st.booleans()):
            fields |= {"start_on": start.isoformat(), "due_on": due.isoformat()}
        tables["task"].append(_row(draw, "task", i, **fields, **refs))
    for i in _ids(draw, 0, 3):
        refs = {"task_id": draw(st.sampled_from(task_ids)), "author_id": _maybe(draw, person_ids)}
        tables["taskupdate"].append(_row(draw, "taskupdate", i, **refs))
    risk_ids = _ids(draw, 0, 2)
    for i in risk_ids:
        refs = {"project_id": draw(st.sampled_from(project_ids))}
        tables["riskwarning"].append(_row(draw, "riskwarning", i, **refs))
    if risk_ids:
        links = draw(st.sets(st.tuples(st.sampled_from(risk_ids), st.sampled_from(task_ids))))
        for n, (risk, task) in enumerate(sorted(links), start=1):
            tables["risktask"].append(_row(draw, "risktask", n, risk_id=risk, task_id=task))
    for i in _ids(draw, 0, 3):
        tables["change"].append(_row(draw, "change", i))
    return {"format": FORMAT, "schema_version": SCHEMA_VERSION, "tables": tables}


def _wipe(store) -> None:
    """Empty every table (children first), so each example starts from an empty store."""
    with store.engine.begin() as conn:
        for name in reversed(table_names()):
            conn.execute(TABLES[name].__table__.delete())


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(doc=documents())
def test_any_valid_store_round_trips_byte_for_byte(store, doc):
    _wipe(store)
    assert check_document(doc) == []
    store.import_tables(decode_tables(doc["tables"]))
    exported = store.export_json()
    assert exported == render_export(doc["tables"])
    reread = json.loads(exported)
    assert check_document(reread) == []
    # Again, streamed from the bytes in small chunks, as `collab import` reads a file.
    data = exported.encode("utf-8")
    streamed = Document(lambda: (data[i : i + 13] for i in range(0, len(data), 13)))
    assert check(streamed) == []
    _wipe(store)
    store.import_tables(
        (name, (decode_row(name, r) for r in rows)) for name, rows in streamed.tables(table_names())
    )
    assert store.export_json() == exported
