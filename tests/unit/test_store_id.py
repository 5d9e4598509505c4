"""A store id made once: calendar UIDs are unique per store and stable across exports."""

from __future__ import annotations

import json
import re

import icalendar
from sqlalchemy import text

from collabtui.export.calendar import render_calendar_ics
from collabtui.store import Store


def _uids(store: Store) -> list[str]:
    cal = icalendar.Calendar.from_ical(render_calendar_ics(store.calendar_meetings()))
    return [str(e["uid"]) for e in cal.walk("VEVENT")]


def test_the_id_is_made_once_and_kept(db_url, tmp_path):
    first = Store(db_url, user="tester")
    try:
        made = first.store_id
        assert re.fullmatch(r"[0-9a-f]{32}", made)
    finally:
        first.close()
    again = Store(db_url, user="tester")  # opened again: the same store
    try:
        assert again.store_id == made
    finally:
        again.close()
    other = Store(f"sqlite:///{tmp_path / 'other.sqlite3'}", user="tester")
    try:
        assert other.store_id != made
    finally:
        other.close()


def test_two_stores_never_share_a_meeting_uid(demo_store, tmp_path, clock):
    uids = _uids(demo_store)
    assert uids == _uids(demo_store)  # stable across exports
    assert all(u.endswith(f"-{demo_store.store_id}@collab") for u in uids)
    other = Store(f"sqlite:///{tmp_path / 'other.sqlite3'}", user="tester")
    try:
        other.load_demo(clock=clock)
        theirs = _uids(other)
    finally:
        other.close()
    assert len(theirs) == len(uids) and not set(theirs) & set(uids)


def test_a_store_without_its_row_makes_one_once(store):
    with store.engine.begin() as conn:
        conn.execute(text("DELETE FROM store_meta"))
    fresh = Store(store.url, user="tester")
    try:
        made = fresh.store_id
    finally:
        fresh.close()
    assert re.fullmatch(r"[0-9a-f]{32}", made)
    later = Store(store.url, user="tester")
    try:
        assert later.store_id == made
    finally:
        later.close()


def test_the_id_is_not_part_of_the_exchange_format(demo_store):
    tables = json.loads(demo_store.export_json())["tables"]
    assert "store_meta" not in tables
