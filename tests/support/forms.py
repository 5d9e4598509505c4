"""Every form of the app, found by walking the code, and a way to open each.

:func:`discover` imports every module of ``collabtui.dialogs`` and ``collabtui.screens``
and returns each concrete class that mixes in
:class:`~collabtui.dialogs.discipline.FormDiscipline` (the modal forms and the
full-screen editors); :data:`NOT_FORMS` names the other dialogs (nothing to type into)
with the reason. :data:`OPENERS` builds each form as the screen that opens it does, on
the demo store; a form without an opener fails the tests, so a new form cannot be
forgotten.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Callable

import collabtui.dialogs
import collabtui.screens
from collabtui.dialogs.base import CollabModal
from collabtui.dialogs.discipline import FormDiscipline

#: Bases that are never opened themselves.
ABSTRACT = {"FormDiscipline", "RecordForm"}
#: Forms whose first field is a list to tick, not text to type.
CHECKLISTS = {"AttendanceForm"}

#: Dialogs that are not forms: there is nothing in them to type.
NOT_FORMS = {
    "ConfirmDialog": "a yes/no question",
    "ConflictDialog": "a choice between two versions",
    "HelpScreen": "a list of keys",
    "HistoryScreen": "a read-only change log",
    "PracticeView": "a read-only practice",
    "SummaryDialog": "a read-only summary to record or not",
}


def _classes() -> list[type]:
    found: dict[str, type] = {}
    for package in (collabtui.dialogs, collabtui.screens):
        for info in pkgutil.iter_modules(package.__path__):
            module = importlib.import_module(f"{package.__name__}.{info.name}")
            for name, cls in inspect.getmembers(module, inspect.isclass):
                if cls.__module__ == module.__name__:
                    found[name] = cls
    return list(found.values())


def discover() -> dict[str, type]:
    """Every concrete form class, by name."""
    return {
        c.__name__: c
        for c in _classes()
        if issubclass(c, FormDiscipline) and c.__name__ not in ABSTRACT
    }


def other_dialogs() -> set[str]:
    """Every dialog class that is not a form."""
    return {
        c.__name__
        for c in _classes()
        if issubclass(c, CollabModal) and not issubclass(c, FormDiscipline) and c is not CollabModal
    }


# ---------------------------------------------------------------------- openers
# Each takes the app (on the demo store) and returns a new form, built with the
# arguments its screen passes. The save functions are never called by the tests.

CX, Q4, VIP = "CX-FIX", "Q4-LAUNCH", "VIP-PTS"


def _never(values):  # pragma: no cover - the tests never save
    raise AssertionError("the form tests do not save")


def _people(store) -> list[tuple[str, int]]:
    return [(p.name, p.id) for p in store.people()]


def _project(store, code: str) -> int:
    return store.project(code).id


def _retro(app):
    from collabtui.domain.workdays import work_calendar

    return app.store.retro_report(
        _project(app.store, VIP),
        calendar=work_calendar(app.config.holiday_country),
        tz=app.clock.tz,
        today=app.clock.today(),
    )


def _department_form(app):
    from collabtui.dialogs.forms import DepartmentForm

    return DepartmentForm(_never, app.store.people())


def _person_form(app):
    from collabtui.dialogs.forms import PersonForm

    return PersonForm(_never, app.store.departments())


def _when_form(app):
    from collabtui.dialogs.forms import WhenForm

    return WhenForm("When", _never, "2026-12-01 10:00", 30, place=True)


def _reason_dialog(app):
    from collabtui.dialogs.confirm import ReasonDialog

    return ReasonDialog("Move on", ["no minutes yet"])


def _consultation_form(app):
    from collabtui.dialogs.consultation import ConsultationForm

    store = app.store
    row = store.consultations(_project(store, Q4))[0]
    return ConsultationForm(_never, row, store.people(include_retired=True))


def _item_form(app):
    from collabtui.dialogs.acceptance import ItemForm

    store = app.store
    tasks = [(f"{k.code}  {k.title}", k.id) for k in store.task_rows(_project(store, VIP))]
    return ItemForm(_never, tasks=tasks, row=None)


def _text_form(app):
    from collabtui.dialogs.acceptance import TextForm

    return TextForm("Fail", _never, name="note", caption="Note", value="")


def _sign_off_form(app):
    from collabtui.dialogs.acceptance import SignOffForm

    store = app.store
    report = store.acceptance_report(_project(store, VIP))
    members: dict[int, list[tuple[str, int]]] = {}
    for person in store.people():
        if person.department_id is not None:
            members.setdefault(person.department_id, []).append((person.name, person.id))
    first = report.signoffs[0]
    return SignOffForm(
        _never,
        departments=list(report.signoffs),
        members=members,
        department_id=first.department_id,
    )


def _meeting_detail(app):
    store = app.store
    meeting = next(m for m in store.meetings(_project(store, Q4)))
    return store.meeting_detail(meeting.id)


def _notes_form(app):
    from collabtui.dialogs.minutes import NotesForm

    return NotesForm(_never, _meeting_detail(app).meeting.notes)


def _decision_form(app):
    from collabtui.dialogs.minutes import DecisionForm

    store = app.store
    meetings = store.meetings(_project(store, Q4))
    row = next(d for m in meetings for d in store.meeting_detail(m.id).decisions)
    return DecisionForm(_never, _people(store), row)


def _resource_form(app):
    from collabtui.dialogs.resource import ResourceForm

    store = app.store
    tasks = store.task_rows(_project(store, Q4))
    return ResourceForm(
        _never,
        departments=[(d.name, d.id) for d in store.departments()],
        tasks=[(f"{k.code}  {k.title}", k.id) for k in tasks],
        row=None,
    )


def _in_place_form(app):
    from collabtui.dialogs.resource import InPlaceForm

    row = app.store.resource_rows()[0]
    return InPlaceForm(_never, row, app.clock.today().isoformat())


def _capture_line(app):
    from collabtui.dialogs.retro import CaptureLine

    report = _retro(app)
    goals = [(g.description, g.goal_id) for g in report.goals]
    return CaptureLine("goal_result", _never, goals, goals[0][1] if goals else None)


def _retro_item_form(app):
    from collabtui.dialogs.retro import RetroItemForm

    report = _retro(app)
    goals = [(g.description, g.goal_id) for g in report.goals]
    return RetroItemForm(_never, report.items[0], _people(app.store), goals)


def _actual_form(app):
    from collabtui.dialogs.retro import ActualForm

    return ActualForm(_never, _retro(app).goals[0])


def _practice_form(app):
    from collabtui.dialogs.retro import PracticeForm

    return PracticeForm("Promote", _never, name="Pre-mortem", body="")


def _note_dialog(app):
    from collabtui.dialogs.note import NoteDialog

    return NoteDialog("Close", "Why", "", "Close", "required")


def _risk_form(app):
    from collabtui.dialogs.risk import RiskForm

    return RiskForm(_project(app.store, Q4))


def _capture_form(app):
    from collabtui.dialogs.runner import CaptureForm

    return CaptureForm("decision", _never, _people(app.store), None)


def _attendance_form(app):
    from collabtui.dialogs.runner import AttendanceForm

    return AttendanceForm(_never, _meeting_detail(app))


def _miss_form(app):
    from collabtui.dialogs.standup import MissForm

    return MissForm(_never, "T-1", "")


def _support_form(app):
    from collabtui.dialogs.standup import SupportForm

    return SupportForm(_never, "T-1", "", None, app.store.departments())


def _task_update_form(app):
    from collabtui.dialogs.task_update import TaskUpdateForm

    return TaskUpdateForm(app.store.task_rows(_project(app.store, Q4))[0])


def _request_form(app):
    from collabtui.domain.drafts import RequestDraft
    from collabtui.screens.request_form import RequestFormScreen

    store = app.store
    return RequestFormScreen(
        RequestDraft(), store.departments(include_retired=True), store.people(include_retired=True)
    )


def _planner(app):
    from collabtui.screens.planner import MeetingPlanScreen

    return MeetingPlanScreen(_project(app.store, Q4), app.store.people(), "2026-12-01 10:00")


def _task_editor(app):
    from collabtui.screens.task_editor import TaskEditor

    return TaskEditor(_project(app.store, Q4))


def _confirmation(app):
    from collabtui.screens.confirmation import ConfirmationScreen

    return ConfirmationScreen(_project(app.store, CX))


OPENERS: dict[str, Callable] = {
    "DepartmentForm": _department_form,
    "PersonForm": _person_form,
    "WhenForm": _when_form,
    "ReasonDialog": _reason_dialog,
    "ConsultationForm": _consultation_form,
    "ItemForm": _item_form,
    "TextForm": _text_form,
    "SignOffForm": _sign_off_form,
    "NotesForm": _notes_form,
    "DecisionForm": _decision_form,
    "ResourceForm": _resource_form,
    "InPlaceForm": _in_place_form,
    "CaptureLine": _capture_line,
    "RetroItemForm": _retro_item_form,
    "ActualForm": _actual_form,
    "PracticeForm": _practice_form,
    "RiskForm": _risk_form,
    "NoteDialog": _note_dialog,
    "CaptureForm": _capture_form,
    "AttendanceForm": _attendance_form,
    "MissForm": _miss_form,
    "SupportForm": _support_form,
    "TaskUpdateForm": _task_update_form,
    "RequestFormScreen": _request_form,
    "MeetingPlanScreen": _planner,
    "TaskEditor": _task_editor,
    "ConfirmationScreen": _confirmation,
}


# ---------------------------------------------------------------------- real keys
# How a person opens each form: the screen it is opened from (a destination of the
# router and its arguments on the demo store), the keys that bring the cursor to the
# record (pressed one by one, waiting, as a person would), then the one key that opens
# the form. The tests type right after that key, with no pause.


def _meeting_id(store) -> int:
    return next(m for m in store.meetings(_project(store, Q4))).id


async def _start_if_asked(pilot) -> None:
    """The runner asks before starting a meeting well before its time: yes."""
    from collabtui.dialogs.question import ConfirmDialog

    if isinstance(pilot.app.screen, ConfirmDialog):
        await pilot.press("y")
        await pilot.pause()


async def _to_approved_request(pilot) -> None:
    """Down to the first resource request that can be marked in place (an approved one)."""
    screen = pilot.app.screen
    index = next(i for i, row in enumerate(screen.rows) if row.status == "approved")
    for _ in range(index):
        await pilot.press("down")
    await pilot.pause()


async def _to_pending_item(pilot) -> None:
    """A new item to judge, the cursor on it: every demo item of VIP-PTS is judged and its
    task accepted through it, so the lifecycle refuses ``f`` on them (issue 16)."""
    app = pilot.app
    screen = app.screen
    app.store.add_acceptance_item(VIP, deliverable="复盘补充材料")
    app.data_changed()
    for _ in range(200):  # the screen reads again off the UI thread
        await pilot.pause()
        if any(item.verdict == "pending" for item in screen.report.items):
            break
    for _ in range(len(screen.report.items) - 1):
        await pilot.press("down")
    await pilot.pause()
    assert screen.current_item().verdict == "pending"


async def _to_open_risk(pilot) -> None:
    """Down to the first warning that is not closed yet."""
    screen = pilot.app.screen
    index = next(i for i, row in enumerate(screen.rows) if row.status != "closed")
    for _ in range(index):
        await pilot.press("down")
    await pilot.pause()


def _p(code: str):
    return lambda store: (_project(store, code),)


#: ``form name → (destination, arguments(store), keys before, opening key)``; the keys
#: before are key names or an async function of the pilot.
OPEN_KEYS: dict[str, tuple[str, Callable, list | Callable, str]] = {
    "DepartmentForm": ("directory", lambda store: (), [], "a"),
    "PersonForm": ("directory", lambda store: ("people",), [], "a"),
    "WhenForm": ("project", _p(Q4), [], "v"),
    "ReasonDialog": ("project", _p(Q4), [], "p"),
    "ConsultationForm": ("consultations", _p(Q4), [], "e"),
    "ItemForm": ("acceptance", _p(VIP), [], "n"),
    "TextForm": ("acceptance", _p(VIP), _to_pending_item, "f"),
    "SignOffForm": ("acceptance", _p(VIP), [], "s"),
    "NotesForm": ("minutes", lambda store: (_meeting_id(store),), [], "e"),
    "DecisionForm": ("decisions", _p(Q4), [], "e"),
    "ResourceForm": ("resources", _p(Q4), [], "n"),
    "InPlaceForm": ("resources", _p(Q4), _to_approved_request, "i"),
    "CaptureLine": ("retro", _p(VIP), [], "h"),
    "RetroItemForm": ("retro", _p(VIP), ["tab"], "e"),
    "ActualForm": ("retro", _p(VIP), [], "t"),
    "PracticeForm": ("retro", _p(VIP), ["tab"], "P"),
    "RiskForm": ("risks", _p(Q4), [], "n"),
    "CaptureForm": ("runner", lambda store: (_meeting_id(store),), _start_if_asked, "d"),
    "AttendanceForm": ("runner", lambda store: (_meeting_id(store),), _start_if_asked, "m"),
    "MissForm": ("standup", _p(Q4), [], "r"),
    "SupportForm": ("standup", _p(Q4), [], "s"),
    "TaskUpdateForm": ("board", _p(Q4), [], "u"),
    "RequestFormScreen": ("dashboard", lambda store: (), [], "n"),
    "MeetingPlanScreen": ("project", _p(Q4), [], "a"),
    "TaskEditor": ("board", _p(Q4), [], "n"),
    "ConfirmationScreen": ("project", _p(CX), [], "m"),
    "NoteDialog": ("risks", _p(Q4), _to_open_risk, "c"),
}
