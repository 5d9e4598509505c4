"""``collab export request``: the Markdown helpers, the renderers and the command.

Every Markdown export is read back with a CommonMark parser (markdown-it-py, GFM tables
on) and checked cell by cell: user text must come back literally, never as markup.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from typer.testing import CliRunner

from collabtui.cli import CliError, app
from collabtui.domain.drafts import (
    DeliverableDraft,
    GoalDraft,
    MilestoneDraft,
    PartnerDraft,
    RequestDraft,
)
from collabtui.export.markdown import cell, day, heading, inline, lines, number, table, when
from collabtui.export.request import JSON_FORMAT, render_request_json, render_request_md
from collabtui.i18n import formats, label_value, translator
from collabtui.store import NotFound

MD = MarkdownIt("commonmark").enable("table")
runner = CliRunner()

#: Text a user may type that Markdown would otherwise read as syntax.
HOSTILE = [
    "a|b",
    "<script>x</script>",
    "[bold]",
    "[/]",
    "**x**",
    "# h",
    "line one\nline two",
    "[link](http://example.com)",
    "![img](x.png)",
    "<https://example.com>",
    "&amp; &#x41;",
    "`code`",
    "~~strike~~",
    "_under_",
    "a \\| b \\",
    "- item",
    "+ item",
    "1. item",
    "2) item",
    "> quote",
    "---",
    "===",
    "中文｜全角 | 半角",
]


# ---------------------------------------------------------------------- reading back


class Unsafe(AssertionError):
    """Rendered Markdown that is not plain text where it should be."""


def _text(inline_token) -> str:
    """The literal text of an inline token; anything that is markup fails the test."""
    out = []
    for child in inline_token.children or []:
        if child.type == "text":
            out.append(child.content)
        elif child.type in ("softbreak", "hardbreak") or (
            child.type == "html_inline" and child.content.lower() in ("<br>", "<br/>")
        ):
            out.append("\n")
        else:
            raise Unsafe(f"markup in user text: {child.type} {child.content!r}")
    return "".join(out)


def blocks(markdown: str) -> list[tuple[str, object]]:
    """The document as (kind, payload): ("h1".."h6", text), ("p", text), ("table", rows)."""
    tokens = MD.parse(markdown)
    out: list[tuple[str, object]] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok.type == "heading_open":
            out.append((tok.tag, _text(tokens[i + 1])))
            i += 3
        elif tok.type == "paragraph_open":
            out.append(("p", _text(tokens[i + 1])))
            i += 3
        elif tok.type == "table_open":
            rows: list[list[str]] = []
            i += 1
            while tokens[i].type != "table_close":
                if tokens[i].type == "tr_open":
                    rows.append([])
                elif tokens[i].type in ("th_open", "td_open"):
                    rows[-1].append(_text(tokens[i + 1]))
                i += 1
            out.append(("table", rows))
            i += 1
        elif tok.type in ("html_block", "code_block", "fence", "hr", "blockquote_open"):
            raise Unsafe(f"unexpected block {tok.type}: {tok.content!r}")
        elif tok.type in ("bullet_list_open", "ordered_list_open"):
            raise Unsafe(f"unexpected list: {tok.markup!r}")
        else:
            i += 1
    return out


def section(doc: list, title: str) -> list:
    """The blocks under the heading ``title`` up to the next heading of its level or above."""
    for index, (kind, payload) in enumerate(doc):
        if kind.startswith("h") and payload == title:
            level = int(kind[1])
            body = []
            for k, p in doc[index + 1 :]:
                if k.startswith("h") and int(k[1]) <= level:
                    break
                body.append((k, p))
            return body
    raise AssertionError(f"no heading {title!r} in {[p for k, p in doc if k[0] == 'h']}")


def first_table(body: list) -> list[list[str]]:
    return next(p for k, p in body if k == "table")


def fields(body: list) -> dict[str, str]:
    """A two-column field table as {label: value}."""
    return {row[0]: row[1] for row in first_table(body)[1:]}


def by_first_column(rows: list[list[str]]) -> dict[str, list[str]]:
    return {row[0]: row for row in rows[1:]}


def literal(text: str) -> str:
    """What a table cell or heading must read back as: CommonMark trims the edges."""
    return "\n".join(lines(text.strip())).replace("\0", "\ufffd")


# ---------------------------------------------------------------------- helpers


def test_inline_escapes_every_special():
    assert inline("a*b_c`d[e]f<g>h#i|j~k&l\\m") == (
        "a\\*b\\_c\\`d\\[e\\]f\\<g\\>h\\#i\\|j\\~k\\&l\\\\m"
    )


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("# x", "\\# x"),
        ("> x", "\\> x"),
        ("- x", "\\- x"),
        ("+ x", "\\+ x"),
        ("1. x", "1\\. x"),
        ("12) x", "12\\) x"),
        ("===", "\\==="),
        ("a - b 1. c", "a - b 1. c"),
        ("中文 2026.", "中文 2026."),
    ],
)
def test_inline_escapes_block_markers_at_line_start(text, escaped):
    assert inline(text) == escaped


def test_inline_keeps_line_breaks_as_hard_breaks():
    assert inline("one\n- two\r\n3. three") == "one\\\n\\- two\\\n3\\. three"
    assert blocks(inline("one\n- two\r\n3. three")) == [("p", "one\n- two\n3. three")]


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("a|b", "a\\|b"),
        ("a\nb", "a<br>b"),
        ("a\r\nb\rc", "a<br>b<br>c"),
        ("  padded \n", "padded"),
        ("- x", "- x"),
        ("<br>", "\\<br\\>"),
        ("中文｜全角", "中文｜全角"),
        (3, "3"),
    ],
)
def test_cell(text, escaped):
    assert cell(text) == escaped


def test_table_is_gfm():
    assert table(["A", "B"], [["1", "x|y"], ["", "z"]]) == (
        "| A | B |\n| --- | --- |\n| 1 | x\\|y |\n|  | z |"
    )
    assert blocks(table(["A", "B"], [["1", "x|y"], ["", "z"]])) == [
        ("table", [["A", "B"], ["1", "x|y"], ["", "z"]])
    ]


def test_table_refuses_ragged_rows_and_no_columns():
    with pytest.raises(ValueError, match="2 cells"):
        table(["A"], [["1", "2"]])
    with pytest.raises(ValueError):
        table([], [])


def test_heading_is_one_line():
    assert heading(2, "a\nb #") == "## a b \\#"
    assert blocks(heading(1, "Topic #")) == [("h1", "Topic #")]
    with pytest.raises(ValueError):
        heading(7, "x")


def test_values():
    assert [number(30.0), number(0.5), number(-50.0), number(20000), number(None)] == [
        "30",
        "0.5",
        "-50",
        "20000",
        "",
    ]
    moment = datetime(2026, 11, 27, 9, 30, tzinfo=UTC)
    assert when(moment, UTC) == moment.astimezone().strftime("%Y-%m-%d %H:%M")
    assert when(None, UTC) == day(None) == ""
    assert day(date(2026, 1, 2)) == "2026-01-02"


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_reads_back_literally(text):
    doc = blocks(f"{heading(2, text)}\n\n{inline(text)}\n\n{table([text], [[text]])}\n")
    assert doc == [
        ("h2", " ".join(lines(text))),
        ("p", text),
        ("table", [[literal(text)], [literal(text)]]),
    ]
    html = MD.render(table(["x"], [[text]]))
    assert "<script" not in html
    assert "<a " not in html
    assert "<img" not in html


@settings(max_examples=400, deadline=None)
@given(st.text())
def test_any_text_reads_back_from_a_table_cell(text):
    assert blocks(table([text], [[text], ["x"]])) == [
        ("table", [[literal(text)], [literal(text)], ["x"]])
    ]


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_any_text_reads_back_from_a_heading(text):
    expected = " ".join(lines(text.strip())).strip().replace("\0", "\ufffd")
    assert blocks(f"# x\n\n{heading(2, text)}\n") == [("h1", "x"), ("h2", expected)]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1).filter(str.strip))
def test_any_text_reads_back_from_a_paragraph(text):
    parts = lines(text.strip().replace("\0", "\ufffd"))
    expected = "\n".join(p.lstrip(" \t") for p in parts)
    assert blocks(inline(text)) == [("p", expected)]


# ---------------------------------------------------------------------- the demo


def _doc_md(store, key, lang):
    return blocks(render_request_md(store.request_document(key), lang, tz=UTC))


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
@pytest.mark.parametrize("code", ["Q4-LAUNCH", "CX-FIX"])
def test_demo_request_field_by_field(demo_store, code, lang):
    tr = translator(lang)
    project = demo_store.project(code)
    overview = demo_store.project_overview(project.id)
    draft = demo_store.request_draft(project.id)
    consultations = demo_store.consultations(project.id)
    doc = _doc_md(demo_store, code, lang)

    assert doc[0] == (
        "h1",
        tr("export.request.title", form=tr("template.request_form"), topic=project.topic),
    )
    form = fields(doc)
    assert form[tr("field.code")] == code
    assert form[tr("field.topic")] == project.topic
    assert form[tr("field.scenario")] == label_value("Scenario", project.scenario.value, lang)
    assert form[tr("field.requesting")] == overview.requesting.name
    assert form[tr("field.lead")] == overview.lead.name
    assert form[tr("field.phase")] == label_value("Phase", project.phase.value, lang)
    assert form[tr("field.background")] == literal(project.background)
    assert form[tr("field.business_value")] == literal(project.business_value)
    partners = form[tr("field.partners")].split(tr("export.list_sep"))
    expected_partners = [
        tr("export.external", name=dept.name) if role.value == "external" else dept.name
        for role, dept in overview.departments
    ]
    assert sorted(partners) == sorted(expected_partners)

    goals = first_table(section(doc, tr("export.section.goals")))
    assert goals[0] == [
        tr("col.goal"),
        tr("col.metric"),
        tr("col.target"),
        tr("field.unit"),
        tr("field.priority"),
    ]
    assert goals[1:] == [
        [
            g.description,
            g.metric,
            formats.number(g.target, lang) if g.target is not None else tr("hint.not_measurable"),
            g.unit,
            label_value("Priority", g.priority.value, lang),
        ]
        for g in overview.goals
    ]

    milestones = first_table(section(doc, tr("export.section.milestones")))
    assert [row[:2] for row in milestones[1:]] == [
        [m.name, m.due_on.isoformat()] for m in draft.milestones
    ]

    deliverables = first_table(section(doc, tr("field.deliverables")))
    assert deliverables[1:] == [[d.name, d.quality_standard] for d in draft.deliverables]
    assert len(deliverables) > 1

    alignment = by_first_column(first_table(section(doc, tr("template.consultation"))))
    assert len(alignment) == len(consultations) == len(draft.partners)
    for row in consultations:
        name = tr("export.external", name=row.department) if row.external else row.department
        assert alignment[name][:8] == [
            name,
            row.head,
            day(row.held_on),
            label_value("ConsultationStatus", row.status, lang),
            row.feasibility,
            row.resource_gaps,
            row.risks,
            row.feedback,
        ]


def test_q4_launch_in_chinese(demo_store):
    doc = _doc_md(demo_store, "Q4-LAUNCH", "zh-CN")
    assert doc[0] == ("h1", "跨部门协作需求表：2026 Q4 智能手表新品上市推广")
    form = fields(doc)
    assert form["需求部门"] == "市场部"
    assert "星辰广告公司（外部合作方）" in form["协作部门"].split("、")
    goals = by_first_column(first_table(section(doc, "核心目标")))
    assert goals["预售订单达到 20000 单"] == [
        "预售订单达到 20000 单",
        "预售订单数",
        "20,000",  # grouped as in the retrospective (issue 18)
        "单",
        "高",
    ]
    alignment = by_first_column(first_table(section(doc, "一对一沟通确认")))
    assert alignment["设计部"][3] == "已达成一致"
    assert alignment["星辰广告公司（外部合作方）"][1] == "许可"

    minutes = section(doc, "需求确认纪要")
    record = fields(minutes)
    assert record["评审会"] == "Q4 新品上市需求评审会"
    assert record["确认纪要备注"].startswith("各部门确认目标与优先级")
    commitments = by_first_column(first_table(section(minutes, "各部门资源投入")))
    assert commitments["设计部"] == ["设计部", "协作部门", "设计师 2 名，4 周"]
    assert commitments["星辰广告公司"][1:] == ["外部合作方", "媒介投放团队，预算 80 万元内"]


def test_cx_fix_in_english_has_no_confirmation_yet(demo_store):
    doc = _doc_md(demo_store, "CX-FIX", "en")
    alignment = by_first_column(first_table(section(doc, "One-to-one confirmation")))
    assert alignment["Logistics"][3] == "Concerns"
    assert alignment["Quality"][3] == "Agreed"
    assert section(doc, "Requirement confirmation minutes") == [
        ("p", "No requirement confirmation minutes recorded yet.")
    ]
    zh = _doc_md(demo_store, "CX-FIX", "zh-CN")
    assert by_first_column(first_table(section(zh, "一对一沟通确认")))["Logistics"][3] == "有顾虑"
    assert section(zh, "需求确认纪要") == [("p", "尚未记录《需求确认纪要》。")]


def test_the_document_does_not_depend_on_the_current_language(demo_store):
    from collabtui import i18n

    doc = demo_store.request_document("Q4-LAUNCH")
    i18n.set_language("zh-CN")
    english = render_request_md(doc, "en", tz=UTC)
    i18n.set_language("en")
    assert english == render_request_md(doc, "en", tz=UTC)
    assert render_request_md(doc, tz=UTC) == english
    assert "跨部门协作需求表" not in english


def test_unknown_project(demo_store):
    with pytest.raises(NotFound):
        demo_store.request_document("NOPE")


# ---------------------------------------------------------------------- hostile text

TOPIC = "**Q4** <script>x</script> [bold] # h a|b"
BACKGROUND = "line one\nline two | <b>x</b>\n# not a heading"
VALUE = "[x](http://example.com) & &amp; `c` ~~s~~"
FEEDBACK = "ok|not ok\n- agreed\n**really**"
NOTES = "<script>alert(1)</script>\n1. first\n2. second"
COMMITMENT = "2 people | 3 weeks \\| [bold]"
STANDARD = "> 95% _pass_ <br>"


@pytest.fixture
def hostile(store):
    """A confirmed project whose every text field is hostile."""
    head = store.add_person("**head**")
    requesting = store.add_department("需求部 <script>x</script>")
    partner = store.add_department("a|b 部门", head_id=head.id)
    lead = store.add_person("Lead [bold]", department_id=requesting.id)
    draft = RequestDraft(
        code="H-1",
        topic=TOPIC,
        scenario="team_building",
        requesting_department_id=requesting.id,
        lead_id=lead.id,
        partners=[
            PartnerDraft(department_id=partner.id),
            PartnerDraft(new_name="# h ext", external=True),
        ],
        background=BACKGROUND,
        business_value=VALUE,
        goals=[
            GoalDraft("**x** goal", "a|b", 1.5, "~~%~~"),
            GoalDraft("no number <i>", "", None, ""),
        ],
        milestones=[
            MilestoneDraft("1. first", date(2027, 1, 4)),
            MilestoneDraft("- second | [x]", date(2027, 2, 1)),
        ],
        deliverables=[DeliverableDraft("<script>x</script>"), DeliverableDraft("`d`|e")],
    )
    project = store.save_request(draft, today=date(2026, 11, 27))
    for row in store.consultations(project.id):
        store.record_consultation(
            row.id,
            row.version,
            status="agreed",
            held_on=date(2026, 12, 1),
            feasibility="# yes",
            resource_gaps="a|b",
            risks="<script>x</script>",
            feedback=FEEDBACK,
        )
    meeting = store.schedule_requirement_review(
        project.id, datetime(2026, 12, 2, 6, 0, tzinfo=UTC), place="Room <1> | 2"
    )
    # the review is held before its minutes confirm the request (issue 16)
    store.start_meeting(meeting.id, now=meeting.start_at)
    store.finish_meeting(meeting.id, now=meeting.start_at + timedelta(minutes=50))
    saved = store.request_draft(project.id)
    project = store.project(project.id)
    store.record_confirmation(
        project.id,
        project.version,
        meeting_id=meeting.id,
        notes=NOTES,
        priorities={saved.goals[0].id: "urgent"},
        commitments={p.department_id: COMMITMENT for p in saved.partners},
        standards={saved.deliverables[0].id: STANDARD},
    )
    return store, project.id


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
def test_hostile_text_round_trips_through_the_export(hostile, lang):
    store, pid = hostile
    tr = translator(lang)
    text = render_request_md(store.request_document(pid), lang, tz=UTC)
    assert "<script" not in MD.render(text)
    doc = blocks(text)

    assert doc[0] == (
        "h1",
        tr("export.request.title", form=tr("template.request_form"), topic=TOPIC),
    )
    form = fields(doc)
    assert form[tr("field.topic")] == TOPIC
    assert form[tr("field.requesting")] == "需求部 <script>x</script>"
    assert form[tr("field.lead")] == "Lead [bold]"
    assert form[tr("field.background")] == BACKGROUND
    assert form[tr("field.business_value")] == VALUE
    assert form[tr("field.partners")] == tr("export.list_sep").join(
        ["a|b 部门", tr("export.external", name="# h ext")]
    )

    goals = first_table(section(doc, tr("export.section.goals")))[1:]
    assert goals == [
        ["**x** goal", "a|b", "1.5", "~~%~~", label_value("Priority", "urgent", lang)],
        [
            "no number <i>",
            "",
            tr("hint.not_measurable"),
            "",
            label_value("Priority", "normal", lang),
        ],
    ]
    milestones = first_table(section(doc, tr("export.section.milestones")))[1:]
    assert milestones == [["1. first", "2027-01-04", ""], ["- second | [x]", "2027-02-01", ""]]
    deliverables = first_table(section(doc, tr("field.deliverables")))[1:]
    assert deliverables == [["<script>x</script>", STANDARD], ["`d`|e", ""]]

    alignment = by_first_column(first_table(section(doc, tr("template.consultation"))))
    assert alignment["a|b 部门"] == [
        "a|b 部门",
        "**head**",
        "2026-12-01",
        label_value("ConsultationStatus", "agreed", lang),
        "# yes",
        "a|b",
        "<script>x</script>",
        FEEDBACK,
        "",
    ]
    assert tr("export.external", name="# h ext") in alignment

    minutes = section(doc, tr("template.confirmation_minutes"))
    record = fields(minutes)
    assert record[tr("field.confirmation_notes")] == NOTES
    assert record[tr("field.place")] == "Room <1> | 2"
    assert record[tr("field.start_at")] == when(datetime(2026, 12, 2, 6, 0, tzinfo=UTC), UTC)
    commitments = by_first_column(first_table(section(minutes, tr("confirm.commitments"))))
    assert commitments["a|b 部门"][2] == COMMITMENT
    assert commitments["# h ext"][1:] == [
        label_value("DepartmentRole", "external", lang),
        COMMITMENT,
    ]


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
def test_changes_after_agreement_are_listed_in_the_export_language(hostile, lang):
    store, pid = hostile
    draft = store.request_draft(pid)
    draft.goals[0].target = 2.5
    draft.milestones.append(MilestoneDraft("3. third", date(2027, 3, 1)))
    del draft.deliverables[1]
    draft.lead_id = store.add_person("New lead").id
    store.save_request(draft, today=date(2026, 11, 27))
    tr = translator(lang)

    def action(value):
        return label_value("ChangeAction", value, lang)

    doc = blocks(render_request_md(store.request_document(pid), lang, tz=UTC))
    alignment = by_first_column(first_table(section(doc, tr("template.consultation"))))
    assert set(alignment["a|b 部门"][8].split("\n")) == {
        tr(
            "export.change.fields",
            action=action("update"),
            kind=tr("kind.goal"),
            subject="**x** goal",
            fields=tr("field.target"),
        ),
        tr(
            "export.change.record",
            action=action("create"),
            kind=tr("kind.milestone"),
            subject="3. third",
        ),
        tr(
            "export.change.record",
            action=action("delete"),
            kind=tr("kind.deliverable"),
            subject="`d`|e",
        ),
        tr(
            "change.summary",
            action=action("update"),
            kind=tr("kind.project"),
            fields=tr("field.lead"),
        ),
    }
    data = json.loads(render_request_json(store.request_document(pid)))
    changes = data["consultations"][0]["changed_since_agreed"]
    assert {(c["action"], c["entity"], c["subject"]) for c in changes} == {
        ("update", "goal", "**x** goal"),
        ("create", "milestone", "3. third"),
        ("delete", "deliverable", "`d`|e"),
        ("update", "project", ""),
    }
    assert {tuple(c["fields"]) for c in changes if c["entity"] == "project"} == {("lead",)}
    assert all(datetime.fromisoformat(c["at"]).tzinfo is not None for c in changes)


def test_a_department_external_to_this_project_is_marked_everywhere(store):
    """The project's link decides "external", as on the request form (not the directory)."""
    sales, agency = store.add_department("Sales"), store.add_department("Agency")
    lead = store.add_person("Bo", department_id=sales.id)
    draft = RequestDraft(
        code="X",
        topic="t",
        requesting_department_id=sales.id,
        lead_id=lead.id,
        partners=[PartnerDraft(department_id=agency.id, external=True)],
        goals=[GoalDraft("g", "m", 1, "%")],
    )
    pid = store.save_request(draft, today=date(2026, 11, 27)).id
    doc = blocks(render_request_md(store.request_document(pid), "en", tz=UTC))
    assert fields(doc)["Collaborating departments"] == "Agency (external partner)"
    alignment = first_table(section(doc, "One-to-one confirmation"))
    assert alignment[1][0] == "Agency (external partner)"


def test_hostile_json_round_trips(hostile):
    store, pid = hostile
    data = json.loads(render_request_json(store.request_document(pid)))
    assert data["format"] == JSON_FORMAT
    assert data["topic"] == TOPIC
    assert data["background"] == BACKGROUND
    assert data["business_value"] == VALUE
    assert data["scenario"] == "team_building"
    assert data["departments"][1] == {
        "name": "# h ext",
        "role": "external",
        "head": "",
        "commitment": COMMITMENT,
    }
    assert data["goals"][1]["target"] is None
    assert data["consultations"][0]["feedback"] == FEEDBACK
    assert data["confirmation"]["notes"] == NOTES
    assert datetime.fromisoformat(data["confirmation"]["meeting_start"]) == datetime(
        2026, 12, 2, 6, 0, tzinfo=UTC
    )


# ---------------------------------------------------------------------- JSON


def test_demo_json(demo_store):
    project = demo_store.project("Q4-LAUNCH")
    overview = demo_store.project_overview(project.id)
    text = render_request_json(demo_store.request_document("Q4-LAUNCH"))
    assert "市场部" in text  # ensure_ascii=False
    data = json.loads(text)
    assert list(data)[:7] == [
        "format",
        "id",
        "code",
        "topic",
        "scenario",
        "phase",
        "requesting_department",
    ]
    assert (data["id"], data["code"], data["phase"], data["scenario"]) == (
        project.id,
        "Q4-LAUNCH",
        "executing",
        "joint_project",
    )
    assert [(g["description"], g["target"], g["priority"]) for g in data["goals"]] == [
        (g.description, g.target, g.priority.value) for g in overview.goals
    ]
    assert {c["status"] for c in data["consultations"]} == {"agreed"}
    for c in data["consultations"]:
        assert date.fromisoformat(c["held_on"])
        assert datetime.fromisoformat(c["agreed_at"]).tzinfo is not None
    assert (
        data["milestones"][0]["due_on"]
        == date.fromisoformat(data["milestones"][0]["due_on"]).isoformat()
    )
    assert data["confirmation"]["meeting_title"] == "Q4 新品上市需求评审会"
    assert (
        json.loads(render_request_json(demo_store.request_document("CX-FIX")))["confirmation"]
        is None
    )


# ---------------------------------------------------------------------- the command


def run(*args: str, **kwargs):
    return runner.invoke(app, list(args), **kwargs)


def test_cli_writes_markdown_by_code_and_by_id(demo_store, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    by_code, by_id = out / "code.md", out / "id.md"
    pid = demo_store.project("Q4-LAUNCH").id
    args = ["--db", demo_store.url, "export", "request"]
    result = run(*args, "Q4-LAUNCH", "--format", "md", "-o", str(by_code))
    assert result.exit_code == 0, result.output
    assert run(*args, str(pid), "-o", str(by_id)).exit_code == 0
    text = by_code.read_text(encoding="utf-8")
    assert text == by_id.read_text(encoding="utf-8")
    assert text == render_request_md(demo_store.request_document(pid), "en", tz=UTC)
    assert blocks(text)[0] == ("h1", "Collaboration request form: 2026 Q4 智能手表新品上市推广")
    assert sorted(p.name for p in out.iterdir()) == ["code.md", "id.md"]


def test_cli_language_and_stdout(demo_store):
    zh = run("--db", demo_store.url, "export", "request", "q4-launch", "--lang", "zh-CN")
    assert zh.exit_code == 0
    assert zh.stdout.startswith("# 跨部门协作需求表：")
    glob = run("--db", demo_store.url, "--lang", "zh-CN", "export", "request", "Q4-LAUNCH")
    assert glob.stdout == zh.stdout
    en = run(
        "--db", demo_store.url, "--lang", "zh-CN", "export", "request", "Q4-LAUNCH", "--lang", "en"
    )
    assert en.stdout.startswith("# Collaboration request form: ")


def test_cli_json(demo_store):
    result = run("--db", demo_store.url, "export", "request", "CX-FIX", "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["code"] == "CX-FIX"


def test_cli_replaces_a_file_whole(demo_store, tmp_path):
    (tmp_path / "out").mkdir()
    target = tmp_path / "out" / "request.md"
    target.write_text("old", encoding="utf-8")
    result = run("--db", demo_store.url, "export", "request", "CX-FIX", "-o", str(target))
    assert result.exit_code == 0
    assert target.read_text(encoding="utf-8").startswith("# Collaboration request form")
    assert [p.name for p in target.parent.iterdir()] == ["request.md"]


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_cli_output_file_follows_the_umask(demo_store, tmp_path):
    target = tmp_path / "new.md"
    mask = os.umask(0o022)
    try:
        assert (
            run("--db", demo_store.url, "export", "request", "1", "-o", str(target)).exit_code == 0
        )
    finally:
        os.umask(mask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o644


@pytest.mark.parametrize(
    ("extra", "error"),
    [
        (["NOPE"], NotFound),
        (["Q4-LAUNCH", "--format", "pdf"], CliError),
        (["Q4-LAUNCH", "--lang", "fr"], CliError),
        (["Q4-LAUNCH", "-o", "{tmp}"], CliError),
        (["Q4-LAUNCH", "-o", "{tmp}/missing/x.md"], CliError),
    ],
)
def test_cli_refuses(demo_store, tmp_path, extra, error):
    extra = [a.replace("{tmp}", str(tmp_path)) for a in extra]
    result = run("--db", demo_store.url, "export", "request", *extra)
    assert isinstance(result.exception, error)


def _collab(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "collabtui", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
    )


@pytest.mark.parametrize(
    ("extra", "says"),
    [
        (["NOPE"], "NOPE"),
        (["Q4-LAUNCH", "--format", "pdf"], "pdf"),
        (["Q4-LAUNCH", "-o", "{tmp}"], "directory"),
    ],
)
def test_cli_errors_exit_2_with_one_line(demo_store, tmp_path, extra, says):
    extra = [a.replace("{tmp}", str(tmp_path)) for a in extra]
    result = _collab("--db", demo_store.url, "export", "request", *extra)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith("collab: error: ")
    assert says in result.stderr
