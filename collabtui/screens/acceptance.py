"""Joint acceptance (《成果验收报告》): items checked against the agreed standards, sign-offs.

Two tables: the acceptance items (dropped ones last, dimmed, with their reason) and
the departments' sign-offs (a collaborating department that has not signed shows as
missing). ``tab`` moves between them; the keys act on the row under the cursor.
Merging: ``space`` marks items, ``m`` merges the marked ones into the item under the
cursor — with none marked, the next item is merged into it.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Header, Static

from collabtui.dialogs.acceptance import ItemForm, SignOffForm, TextForm
from collabtui.dialogs.confirm import ConfirmDialog
from collabtui.domain.acceptance import AcceptanceItemRow, AcceptanceReport, SignOffRow
from collabtui.domain.enums import Verdict
from collabtui.domain.errors import StoreError
from collabtui.domain.pickers import person_label
from collabtui.i18n import label_value, t
from collabtui.screens.acceptance_keys import VerdictKeys
from collabtui.screens.acceptance_view import (
    NARROW_WIDTH,
    WIDTH,
    item_columns,
    item_rows,
    signoff_columns,
    signoff_rows,
    status_text,
)
from collabtui.screens.register import RegisterScreen
from collabtui.widgets.footer import Footer
from collabtui.widgets.record_table import RecordTable


class AcceptanceScreen(VerdictKeys, RegisterScreen):
    """A project's acceptance: generate, edit, judge, merge and drop items; sign off."""

    TABLE = "item-list"
    TITLE_KEY = "template.acceptance_report"

    BINDINGS = [
        Binding("g", "generate", "key.acceptance_generate", id="acceptance-generate"),
        Binding("n", "new", "key.acceptance_new", id="acceptance-new"),
        Binding("e", "edit", "key.edit", id="acceptance-edit"),
        Binding("p", "verdict('pass')", "key.acceptance_pass", id="acceptance-pass"),
        Binding("f", "verdict('fail')", "key.acceptance_fail", id="acceptance-fail"),
        Binding("w", "verdict('waived')", "key.acceptance_waive", id="acceptance-waive"),
        Binding("space", "mark", "key.acceptance_mark", id="acceptance-mark"),
        Binding("m", "merge", "key.acceptance_merge", id="acceptance-merge"),
        Binding("x", "drop", "key.acceptance_drop", id="acceptance-drop"),
        Binding("s", "sign", "key.acceptance_sign", id="acceptance-sign"),
        Binding("u", "withdraw", "key.acceptance_withdraw", id="acceptance-withdraw"),
        Binding("tab", "switch_table", "key.acceptance_switch", id="acceptance-switch"),
        Binding("escape", "back", "key.back", id="back"),
    ]

    def __init__(self, project_id: int):
        super().__init__(project_id)
        self.project_id: int = project_id
        self.report: AcceptanceReport | None = None
        self.marked: set[int] = set()

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="◆")
        yield Static(id="summary")
        yield Static(t("acceptance.items_title"), classes="section")
        yield RecordTable(id="item-list")
        yield Static(t("acceptance.signoffs_title"), classes="section")
        yield RecordTable(id="signoff-list")
        yield Footer()

    def on_mount(self) -> None:
        # The items take what the sign-offs (one row per department) leave.
        self.items_table.styles.height = "1fr"
        self.items_table.styles.max_height = None
        self.signoff_table.styles.height = "auto"
        self.signoff_table.styles.max_height = 12
        super().on_mount()

    @property
    def items_table(self) -> RecordTable:
        return self.table

    @property
    def signoff_table(self) -> RecordTable:
        return self.query_one("#signoff-list", RecordTable)

    # ------------------------------------------------------------------ showing

    def load(self) -> AcceptanceReport:
        """The acceptance: items, sign-offs, the conclusion."""
        return self.collab.store.acceptance_report(self.project_id)

    def show(self, report: AcceptanceReport) -> None:
        """Fill both tables and the status line."""
        self.report = report
        self.marked &= {i.id for i in report.items}
        self.title = f"{report.code}  {report.topic}"
        width = WIDTH if (self.size.width or 120) >= 100 else NARROW_WIDTH
        self.items_table.show(item_columns(), item_rows(report, self.marked, width))
        local = self.collab.clock.local
        self.signoff_table.show(signoff_columns(), signoff_rows(report, width, local))
        self.query_one("#summary", Static).update(status_text(report))
        self.refresh_bindings()  # p/f/w follow the item table (issue 16)

    def current_item(self) -> AcceptanceItemRow | None:
        """The item under the cursor of the items table (kept or dropped)."""
        if self.report is None:
            return None
        return self.current((*self.report.items, *self.report.dropped))

    def current_signoff(self) -> SignOffRow | None:
        """The department under the cursor of the sign-off table."""
        if self.report is None:
            return None
        key = self.signoff_table.cursor_key
        return next((s for s in self.report.signoffs if str(s.department_id) == key), None)

    def _item(self) -> AcceptanceItemRow | None:
        """The item a key acts on; says so when there is none or it was dropped."""
        row = self.current_item()
        if row is None:
            self.collab.say(t("acceptance.msg.no_item"), severity="warning")
        elif row.dropped:
            self.collab.say(
                t("acceptance.err.dropped", deliverable=row.deliverable), severity="warning"
            )
            return None
        return row

    def on_data_table_row_selected(self, event: RecordTable.RowSelected) -> None:
        """Enter edits the item, or signs for the department, under the cursor."""
        event.stop()
        if event.data_table.id == "signoff-list":
            self.action_sign()
        else:
            self.action_edit()

    # ------------------------------------------------------------------ items

    def action_switch_table(self) -> None:
        """Move the focus to the other table."""
        if self.items_table.has_focus:
            self.signoff_table.focus()
        else:
            self.items_table.focus()

    def action_generate(self) -> None:
        """Add items from the deliverables and the tasks not covered yet."""
        try:
            added = self.collab.store.generate_acceptance_items(self.project_id)
        except StoreError as exc:
            self.collab.say(str(exc), severity="error")
            return
        self.collab.say(
            t("acceptance.msg.generated", n=len(added)) if added else t("acceptance.msg.none_new")
        )
        self.refresh_now()

    def _tasks(self) -> list[tuple[str, int]]:
        return [
            (f"{k.code}  {k.title}", k.id) for k in self.collab.store.task_rows(self.project_id)
        ]

    def action_new(self) -> None:
        """Add an item by hand."""
        store = self.collab.store

        def save(values: dict):
            return store.add_acceptance_item(self.project_id, **values)

        self.items_table.focus()
        self.app.push_screen(ItemForm(save, tasks=self._tasks(), row=None), self.saved)

    def action_edit(self) -> None:
        """Correct the item (or, in the sign-off table, the sign-off) under the cursor."""
        if self.signoff_table.has_focus:
            self.action_sign()
            return
        row = self._item()
        if row is None:
            return
        store = self.collab.store

        def save(values: dict):
            return store.edit_acceptance_item(row.id, row.version, **values)

        self.app.push_screen(ItemForm(save, tasks=self._tasks(), row=row), self.saved)

    def action_verdict(self, verdict: str) -> None:
        """Pass at once (the note stays); fail or waive after asking for the note."""
        row = self._item()
        if row is None:
            return
        store = self.collab.store
        done = t("acceptance.msg.verdict", verdict=label_value("Verdict", verdict))
        if verdict == Verdict.PASS.value:
            self._pass(row, done)
            return

        def save(values: dict):
            return store.set_verdict(row.id, row.version, verdict, values["note"])

        def saved(result) -> None:
            if result is not None:
                self.collab.say(done)
            self.refresh_now()

        title = t(f"acceptance.ask.{verdict}", deliverable=row.deliverable)
        form = TextForm(
            title, save, name="note", caption=t("acceptance.field.note"), value=row.note
        )
        self.app.push_screen(form, saved)

    def _pass(self, row, done: str) -> None:
        """Pass at once; when the item's task is not finished, say so and ask first."""
        from collabtui.domain.lifecycle_rules import verdict_hints

        store = self.collab.store

        def write() -> None:
            self.write(lambda: store.set_verdict(row.id, row.version, "pass", row.note), done)

        def check(progress: int | None) -> None:
            hints = verdict_hints(Verdict.PASS.value, progress)
            if not hints:
                write()
                return
            question = t(
                "punct.labelled", label=hints[0].message(t), value=t("acceptance.ask.pass_anyway")
            )
            yes = label_value("Verdict", Verdict.PASS.value)
            self.app.push_screen(
                ConfirmDialog(question, yes, t("button.cancel")),
                lambda answer: write() if answer else None,
            )

        if row.task_id is None:
            write()
            return
        self.read_now(lambda: store.task_row(row.task_id).progress, check)

    def action_mark(self) -> None:
        """Mark (or unmark) the item under the cursor for a merge."""
        row = self._item()
        if row is None:
            return
        self.marked ^= {row.id}
        if self.report is not None:
            self.show(self.report)  # the marks change, the records do not: no read
        table = self.items_table
        if table.cursor_row < len(self.report.items) - 1:
            table.move_cursor(row=table.cursor_row + 1)

    def action_merge(self) -> None:
        """Merge the marked items (or the next one) into the item under the cursor."""
        keep = self._item()
        if keep is None:
            return
        items = list(self.report.items)
        others = [i for i in items if i.id in self.marked and i.id != keep.id]
        if not others:
            index = items.index(keep)
            if index + 1 >= len(items):
                self.collab.say(t("acceptance.msg.nothing_to_merge"), severity="warning")
                return
            others = [items[index + 1]]
        store = self.collab.store
        versions = {i.id: i.version for i in (keep, *others)}

        def answer(yes: bool | None) -> None:
            if not yes:
                return
            if self.write(
                lambda: store.merge_acceptance_items(
                    keep.id, [i.id for i in others], versions=versions, now=self.collab.clock.now()
                ),
                t("acceptance.msg.merged", n=len(others)),
            ):
                self.marked.clear()

        names = "\n".join(f"• {i.deliverable}" for i in others)
        question = t("acceptance.confirm_merge", n=len(others), deliverable=keep.deliverable)
        self.app.push_screen(
            ConfirmDialog(
                f"{question}\n{names}",
                t("acceptance.button.merge"),
                t("button.cancel"),
                destructive=False,
            ),
            answer,
        )

    def action_drop(self) -> None:
        """Ask the reason, then drop the item under the cursor."""
        row = self._item()
        if row is None:
            return
        store = self.collab.store

        def save(values: dict):
            return store.drop_acceptance_item(
                row.id, row.version, values["reason"], now=self.collab.clock.now()
            )

        def saved(result) -> None:
            if result is not None:
                self.collab.say(t("acceptance.msg.dropped", deliverable=row.deliverable))
            self.refresh_now()

        title = t("acceptance.ask.drop", deliverable=row.deliverable)
        self.app.push_screen(
            TextForm(title, save, name="reason", caption=t("acceptance.field.reason")), saved
        )

    # ------------------------------------------------------------------ sign-offs

    def action_sign(self) -> None:
        """Sign off for a department: the one under the cursor, or the first missing."""
        if self.report is None or not self.report.signoffs:
            self.collab.say(t("acceptance.msg.no_department"), severity="warning")
            return
        store = self.collab.store
        start = self.current_signoff() if self.signoff_table.has_focus else None
        if start is None:
            start = next(
                (s for s in self.report.signoffs if s.required and not s.signed),
                self.report.signoffs[0],
            )
        # Each department's members, named with their department (issue 18).
        department_of = {p.id: p.department_id for p in store.people()}
        members: dict[int, list[tuple[str, int]]] = {}
        for person in store.picker_people(self.project_id):
            department_id = department_of.get(person.id)
            if department_id is not None:
                members.setdefault(department_id, []).append((person_label(person), person.id))
        rows = {s.department_id: s for s in self.report.signoffs}
        now = self.collab.clock.now()

        def save(values: dict):
            department = values["department_id"]
            shown = rows.get(department)
            return store.sign_off(
                self.project_id,
                department,
                person_id=values["person_id"],
                verdict=values["verdict"],
                comment=values["comment"],
                signed_at=now,
                version=(shown.version or 0) if shown is not None else None,
            )

        def saved(result) -> None:
            if result is not None:
                name = rows[result.department_id].department
                self.collab.say(t("acceptance.msg.signed", department=name))
            self.refresh_now()

        form = SignOffForm(
            save,
            departments=list(self.report.signoffs),
            members=members,
            department_id=start.department_id,
        )
        self.app.push_screen(form, saved)

    def action_withdraw(self) -> None:
        """Withdraw the sign-off under the cursor in the sign-off table, after a yes."""
        row = self.current_signoff() if self.signoff_table.has_focus else None
        if row is None or not row.signed:
            self.collab.say(t("acceptance.msg.no_signoff"), severity="warning")
            return
        store = self.collab.store

        def answer(yes: bool | None) -> None:
            if yes:
                self.write(
                    lambda: store.withdraw_sign_off(row.signoff_id, row.version),
                    t("acceptance.msg.withdrawn", department=row.department),
                )

        question = t("acceptance.confirm_withdraw", department=row.department)
        self.app.push_screen(
            ConfirmDialog(question, t("acceptance.button.withdraw"), t("button.cancel")), answer
        )
