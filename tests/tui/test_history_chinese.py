"""The history view (H) in zh-CN names every field in words and shows values as people
read them (issue 18): no column name, raw enum value or ISO timestamp on screen."""

from __future__ import annotations

import re
from datetime import date

from textual.widgets import Static

from collabtui.dialogs.history import HistoryScreen
from collabtui.store.models import TABLES
from tests.support.chinese import chinese_dataset, data_words, zh_store  # noqa: F401
from tests.support.reading import latin_words

from .conftest import SIZE

ISO_MOMENT = re.compile(r"\d{4}-\d\d-\d\dT\d\d:")


def _raw_names(text: str, *entities: str) -> set[str]:
    """Column names of ``entities`` (those with an underscore or a Latin word) in ``text``."""
    return {
        column.name
        for entity in entities
        for column in TABLES[entity].__table__.c
        if re.search(rf"(?<![A-Za-z_]){re.escape(column.name)}(?![A-Za-z_])", text)
    }


async def _read_history(app, pilot, entity: str, entity_id: int) -> str:
    await app.push_screen(HistoryScreen(entity, entity_id))
    await pilot.pause()
    assert isinstance(app.screen, HistoryScreen)
    return str(app.screen.query_one("#history-body", Static).render())


async def test_a_risk_and_a_task_history_read_as_chinese(zh_store, make_app):  # noqa: F811
    store = zh_store
    task = store.task_rows("Q4-LAUNCH")[0]
    person = store.people()[0]
    department = person.department_id
    risk = store.raise_risk(
        "Q4-LAUNCH",
        title="支付回调延迟",
        type="technical_bottleneck",
        level="high",
        impact="影响上线",
        solution="增加重试",
        threatened_on=task.due_on or date(2026, 12, 31),
        raised_by_id=person.id,
        task_ids=[task.id],
        department_ids=[department] if department else [],
    )
    store.move_task(task.id, task.version, "done", to_end=True)
    allowed = data_words(chinese_dataset()) | {store.user}
    app = make_app(store, lang="zh-CN")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        text = await _read_history(app, pilot, "riskwarning", risk.id)
        assert {"影响范围", "解决方案", "预警人", "预警时间", "风险预警"} <= set(
            re.findall(r"\w+", text)
        )
        assert person.name in text
        assert _raw_names(text, "riskwarning", "risktask", "riskdepartment") == set()
        assert "technical_bottleneck" not in text and "high" not in text
        assert not ISO_MOMENT.search(text)
        assert latin_words(text, allowed) == []
        app.pop_screen()
        await pilot.pause()
        text = await _read_history(app, pilot, "task", task.id)
        assert "完成时间" in text and "已完成" in text
        assert _raw_names(text, "task", "tasksupport", "taskupdate") == set()
        assert not ISO_MOMENT.search(text)
        assert latin_words(text, allowed) == []
