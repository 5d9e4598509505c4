"""Write a large collab store for the start-up benchmark.

    .venv/bin/python benchmarks/make_store.py [--out PATH] [--seed N] [--force]

The dataset is built deterministically (``random.Random(seed)``) as a
``collab-dataset/1`` dict and inserted with :meth:`collabtui.store.Store.load_dataset`,
so every row also gets its change-log row. Dates are relative ("-20d", "+5d 14:00"),
counted from the moment of loading, so the dashboard always shows a live mix of
overdue, due-soon and closed work.

The whole dataset goes in one ``load_dataset`` call: departments and people are keyed
per call, so projects loaded by a later call could not refer to them.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path
from random import Random

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

DEFAULT_OUT = ROOT / "benchmarks" / "out" / "large.sqlite3"

# --------------------------------------------------------------------------- sizes

N_PROJECTS = 50
TASKS_PER_PROJECT = 200  # 10,000 tasks
MEETINGS_PER_PROJECT = 20  # 1,000 meetings
RISKS_PER_PROJECT = 40  # 2,000 risk warnings
PEOPLE_PER_DEPARTMENT = 10  # 120 people
#: ``--quick`` (and the benchmarks' quick modes): every phase once, 40 tasks each.
QUICK_SIZE = ["--projects", "7", "--tasks", "40"]

# --------------------------------------------------------------------------- text pools

DEPARTMENTS = [
    ("mkt", "市场部", False, "品牌、活动与推广"),
    ("prd", "产品部", False, "产品规划与定义"),
    ("sales", "销售部", False, "渠道与大客户销售"),
    ("design", "设计部", False, "视觉与交互设计"),
    ("cs", "客服部", False, "售前售后客户服务"),
    ("tech", "技术部", False, "电商平台、App 与系统开发"),
    ("fin", "财务部", False, "预算、结算与成本核算"),
    ("hr", "人力资源部", False, "招聘、培训与绩效"),
    ("en_qa", "Quality", False, "Quality assurance and inspection"),
    ("en_log", "Logistics", False, "Warehouse, shipping and returns"),
    ("en_legal", "Legal & Compliance", False, "Contracts, privacy and regulatory review"),
    ("ext_ad", "星辰广告公司", True, "外部合作伙伴：创意制作与媒介投放"),
]

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾"
GIVEN = ["芳", "娜", "磊", "静", "洋", "伟", "丽", "强", "敏", "爽", "雪", "军", "涛", "飞"]
GIVEN += ["超", "宁", "婷", "杰", "晨", "琳", "浩", "鑫", "悦", "斌", "欣", "凯", "倩", "鹏"]
FIRST = ["Emma", "Liam", "Chloe", "Raj", "Sofia", "Daniel", "Hannah", "Marcus", "Priya"]
FIRST += ["Tom", "Olivia", "Noah", "Ava", "Ethan", "Mia", "Lucas", "Isla", "Omar", "Zoe"]
LAST = ["Clarke", "Foster", "Bennett", "Patel", "Martinez", "Okafor", "Schmidt", "Lee"]
LAST += ["Nair", "Walsh", "Nguyen", "Kowalski", "Rossi", "Dubois", "Haddad", "Silva"]
ROLES_ZH = ["负责人", "经理", "主管", "专员", "工程师", "分析师", "策划", "设计师", "协调员"]
ROLES_EN = ["Manager", "Team Lead", "Specialist", "Engineer", "Analyst", "Coordinator"]

TOPICS_ZH = [
    "智能手表新品上市推广",
    "客诉处理流程优化",
    "会员积分体系升级",
    "双十一大促备战",
    "门店数字化改造",
    "供应链成本优化",
    "新员工入职体验改进",
    "海外渠道拓展",
    "售后服务满意度提升",
    "品牌视觉规范 V3",
]
TOPICS_EN = [
    "Complaint handling revamp",
    "Returns process automation",
    "CRM migration",
    "Quality inspection rollout",
    "Warehouse slotting redesign",
    "Privacy compliance review",
    "Partner onboarding portal",
    "Customer insight dashboard",
    "Contract template refresh",
    "Spare parts forecasting",
]
VERBS_ZH = ["梳理", "设计", "评审", "开发", "测试", "上线", "培训", "整理", "确认", "优化"]
VERBS_ZH += ["编写", "采购", "协调", "验收", "发布"]
NOUNS_ZH = ["卖点文档", "推广物料", "详情页", "接口", "话术手册", "预算方案", "渠道政策"]
NOUNS_ZH += ["数据看板", "培训课件", "验收标准", "物流方案", "合同模板", "FAQ", "App 活动页"]
VERBS_EN = ["Draft", "Review", "Build", "Test", "Roll out", "Train", "Migrate", "Audit"]
VERBS_EN += ["Sign off", "Document", "Prototype", "Measure", "Clean up"]
NOUNS_EN = ["intake form", "escalation matrix", "CRM fields", "returns label flow"]
NOUNS_EN += ["QA checklist", "SLA report", "supplier contract", "training deck", "API spec"]
NOUNS_EN += ["data export", "survey", "dashboard", "FAQ", "pilot plan"]
PLACES = ["总部 3 楼大会议室", "Room 4B / Teams", "钉钉视频会议", "Zoom", "仓库办公室"]
PLACES += ["Board room", "研发中心 201"]
RISK_ZH = ["接口审批延迟", "设计人手不足", "供应商交付推迟", "预算超支", "需求范围蔓延"]
RISK_ZH += ["测试环境不稳定", "关键人员休假", "外部合作方响应慢"]
RISK_EN = ["Vendor delay", "Budget overrun", "Key person on leave", "Scope creep"]
RISK_EN += ["Data quality issues", "Regulatory review pending", "Test environment unstable"]

TASK_STATUSES = ["todo", "in_progress", "blocked", "done", "accepted"]
PHASES = ["draft", "aligning", "confirmed", "executing", "accepting", "retrospective", "closed"]
SCENARIOS = ["joint_project", "resource_sharing", "problem_solving", "team_building"]
PRIORITIES = ["low", "normal", "high", "urgent"]
MEETING_KINDS = ["requirement_review", "coordination", "weekly_progress", "follow_up"]
RISK_TYPES = ["resource_shortage", "technical_bottleneck", "dependency", "schedule"]
RISK_TYPES += ["scope_quality", "external", "other"]
RISK_LEVELS = ["low", "medium", "high", "critical"]
RISK_STATUSES = ["open", "assessing", "mitigating", "closed", "materialized"]
RESOURCE_KINDS = ["people", "budget", "equipment", "other"]
RESOURCE_STATUSES = ["requested", "approved", "rejected", "in_place"]
PROGRESS_STATUSES = ["on_track", "at_risk", "blocked", "done"]
RETRO_DIMENSIONS = ["goal_result", "highlight", "problem", "suggestion"]


def day(offset: int) -> str:
    """A relative date, e.g. ``-20d``."""
    return f"{offset:+d}d"


def moment(offset: int, hour: int, minute: int = 0) -> str:
    """A relative local time, e.g. ``-20d 14:00``."""
    return f"{offset:+d}d {hour:02d}:{minute:02d}"


# --------------------------------------------------------------------------- dataset


class Builder:
    """Builds the dataset dict from one seeded random generator."""

    def __init__(self, seed: int, projects: int = N_PROJECTS, tasks: int = TASKS_PER_PROJECT):
        self.r = Random(seed)
        self.n_projects = projects
        self.tasks_per_project = max(len(TASK_STATUSES), tasks)
        self.dept_keys = [d[0] for d in DEPARTMENTS]
        self.people_by_dept: dict[str, list[str]] = {}

    def pick(self, seq):
        return self.r.choice(seq)

    def zh(self) -> bool:
        return self.r.random() < 0.6

    def phrase(self, zh: bool | None = None) -> str:
        zh = self.zh() if zh is None else zh
        if zh:
            return f"{self.pick(VERBS_ZH)}{self.pick(NOUNS_ZH)}"
        return f"{self.pick(VERBS_EN)} {self.pick(NOUNS_EN)}"

    def sentence(self) -> str:
        return "；".join(self.phrase() for _ in range(self.r.randint(1, 3)))

    # ----------------------------------------------------------- directory

    def directory(self) -> tuple[list[dict], list[dict]]:
        departments, people = [], []
        n = 0
        for key, name, external, note in DEPARTMENTS:
            keys = []
            english = key.startswith("en_")
            for i in range(PEOPLE_PER_DEPARTMENT):
                n += 1
                pkey = f"p{n:03d}"
                if english:
                    first, last = self.pick(FIRST), self.pick(LAST)
                    person_name, slug = f"{first} {last}", f"{first}.{last}".lower()
                    role = ("Head of " + name) if i == 0 else self.pick(ROLES_EN)
                else:
                    person_name = self.pick(SURNAMES) + "".join(
                        self.pick(GIVEN) for _ in range(self.r.randint(1, 2))
                    )
                    slug = f"user{n:03d}"
                    role = (name + "负责人") if i == 0 else self.pick(ROLES_ZH)
                people.append(
                    {
                        "key": pkey,
                        "name": person_name,
                        "department": key,
                        "role": role,
                        "email": f"{slug}.{n}@example.com",
                        "chat": f"@{slug}",
                    }
                )
                keys.append(pkey)
            self.people_by_dept[key] = keys
            departments.append(
                {"key": key, "name": name, "external": external, "head": keys[0], "note": note}
            )
        return departments, people

    # ----------------------------------------------------------- projects

    def project(self, index: int) -> dict:
        r = self.r
        zh = index % 3 != 2
        code = f"BENCH-{index + 1:03d}"
        phase = PHASES[index % len(PHASES)]
        requesting = self.dept_keys[index % len(self.dept_keys)]
        others = [k for k in self.dept_keys if k != requesting]
        collaborating = r.sample(others, r.randint(3, 6))
        involved = [requesting, *collaborating]
        people = [p for d in involved for p in self.people_by_dept[d]]
        lead = self.pick(self.people_by_dept[requesting])
        start = -r.randint(60, 200)
        topic = (self.pick(TOPICS_ZH) if zh else self.pick(TOPICS_EN)) + f" #{index + 1}"
        rec: dict = {
            "code": code,
            "topic": topic,
            "scenario": self.pick(SCENARIOS),
            "requesting_department": requesting,
            "lead": lead,
            "background": self.sentence(),
            "business_value": self.sentence(),
            "phase": phase,
            "start_on": day(start),
            "end_on": day(start + r.randint(90, 300)),
        }
        rec["deliverables"] = [
            {"name": self.phrase(zh), "quality_standard": self.sentence()}
            for _ in range(r.randint(1, 3))
        ]
        rec["departments"] = [
            {"department": d, "role": "external" if d == "ext_ad" else "collaborating"}
            for d in collaborating
        ]
        goals = [
            {
                "key": f"g{i}",
                "description": self.phrase(zh) + ("，提升 20%" if zh else ", +20%"),
                "metric": "完成率" if zh else "completion rate",
                "target": r.choice([20, 30, 50, 95, 100]),
                "unit": "%",
                "actual": r.choice([None, r.randint(0, 100)]),
                "priority": self.pick(PRIORITIES),
            }
            for i in range(r.randint(3, 5))
        ]
        rec["goals"] = goals
        rec["milestones"] = [
            {
                "name": f"{'里程碑' if zh else 'Milestone'} {i + 1}: {self.phrase(zh)}",
                "due_on": day(start + 30 * (i + 1)),
                **({"done_on": day(start + 30 * (i + 1) - 2)} if start + 30 * (i + 1) < 0 else {}),
            }
            for i in range(r.randint(4, 6))
        ]
        rec["consultations"] = [
            {
                "department": d,
                "head": self.people_by_dept[d][0],
                "held_on": day(start + 3),
                "status": self.pick(["pending", "agreed", "concerns", "blocked"]),
                "feasibility": self.sentence(),
                "resource_gaps": self.phrase(),
                "risks": self.phrase(),
                "feedback": self.sentence(),
            }
            for d in collaborating
        ]
        rec["meetings"] = self.meetings(start, people, zh)
        decisions = [d["key"] for m in rec["meetings"] for d in m["decisions"]]
        rec["tasks"] = self.tasks(start, involved, people, goals, decisions, zh)
        task_keys = [t["code"] for t in rec["tasks"]]
        rec["resources"] = [
            {
                "task": self.pick(task_keys),
                "department": self.pick(involved),
                "kind": self.pick(RESOURCE_KINDS),
                "description": self.phrase(),
                "quantity": r.randint(1, 20),
                "unit": self.pick(["人", "万元", "台", "days"]),
                "purpose": self.sentence(),
                "needed_by": day(r.randint(-30, 30)),
                "status": self.pick(RESOURCE_STATUSES),
            }
            for _ in range(r.randint(3, 8))
        ]
        rec["progress"] = [
            {
                "week": f"{-w}w",
                "department": self.pick(involved),
                "task": t,
                "completion": r.randint(0, 100),
                "status": self.pick(PROGRESS_STATUSES),
                "met_plan": r.random() < 0.7,
                "miss_reason": "",
                "support_needed": self.phrase() if r.random() < 0.3 else "",
            }
            for w in range(4)
            for t in r.sample(task_keys, 5)
        ]
        rec["risks"] = [
            {
                "title": (self.pick(RISK_ZH) if zh else self.pick(RISK_EN)) + f" ({i + 1})",
                "type": self.pick(RISK_TYPES),
                "level": self.pick(RISK_LEVELS),
                "impact": self.sentence(),
                "solution": self.sentence(),
                "threatened_on": day(r.randint(-20, 40)),
                "raised_by": self.pick(people),
                "raised_at": moment(-r.randint(0, 60), r.randint(9, 18)),
                "status": self.pick(RISK_STATUSES),
                "tasks": r.sample(task_keys, r.randint(0, 3)),
                "departments": r.sample(involved, r.randint(1, 2)),
            }
            for i in range(RISKS_PER_PROJECT)
        ]
        if phase in ("accepting", "retrospective", "closed"):
            rec["acceptance"] = [
                {
                    "deliverable": self.phrase(zh),
                    "quality_standard": self.sentence(),
                    "task": self.pick(task_keys),
                    "verdict": self.pick(["pending", "pass", "fail", "waived"]),
                }
                for _ in range(r.randint(3, 6))
            ]
            rec["signoffs"] = [
                {
                    "department": d,
                    "person": self.people_by_dept[d][0],
                    "verdict": self.pick(["accepted", "accepted_with_reservations", "rejected"]),
                    "comment": self.phrase(),
                }
                for d in collaborating
            ]
        if phase in ("retrospective", "closed"):
            rec["retro"] = [
                {
                    "key": f"r{i}",
                    "dimension": RETRO_DIMENSIONS[i % 4],
                    "text": self.sentence(),
                    "owner": self.pick(people),
                    "action": self.phrase(),
                }
                for i in range(8)
            ]
        return rec

    def meetings(self, start: int, people: list[str], zh: bool) -> list[dict]:
        r = self.r
        out = []
        for i in range(MEETINGS_PER_PROJECT):
            offset = start + 5 + i * max(1, (-start + 30) // MEETINGS_PER_PROJECT)
            past = offset < 0
            hour = r.randint(9, 16)
            kind = "requirement_review" if i == 0 else self.pick(MEETING_KINDS)
            attendees = r.sample(people, r.randint(4, 8))
            agenda = [
                {
                    "key": f"a{j}",
                    "title": self.phrase(zh),
                    "owner": self.pick(attendees),
                    "timebox_min": r.choice([5, 10, 15, 20]),
                    "kind": self.pick(["report", "discussion", "decision"]),
                    **({"notes": self.sentence()} if past else {}),
                }
                for j in range(r.randint(3, 5))
            ]
            decisions = [
                {
                    "key": f"d{i}_{j}",
                    "agenda": self.pick(agenda)["key"],
                    "text": self.sentence(),
                    "owner": self.pick(attendees),
                    "due_on": day(offset + r.randint(3, 20)),
                    "status": self.pick(["open", "done", "dropped"]) if past else "open",
                }
                for j in range(r.randint(1, 3))
            ]
            meeting = {
                "key": f"m{i}",
                "kind": kind,
                "title": f"{self.phrase(zh)} {'会议' if zh else 'meeting'} #{i + 1}",
                "goal": self.sentence(),
                "start_at": moment(offset, hour),
                "duration_min": r.choice([30, 45, 60, 90]),
                "place": self.pick(PLACES),
                "host": attendees[0],
                "recorder": attendees[1],
                "materials": self.phrase(),
                "attendees": [
                    {
                        "person": p,
                        "role": "decision_maker" if k == 0 else self.pick(["executor", "cc"]),
                        **({"attended": r.random() < 0.9} if past else {}),
                    }
                    for k, p in enumerate(attendees)
                ],
                "agenda": agenda,
                "decisions": decisions,
            }
            if past:
                meeting |= {
                    "notice_sent_at": moment(offset - 3, 10),
                    "started_at": moment(offset, hour, 2),
                    "ended_at": moment(offset, hour, 58),
                    "notes": self.sentence(),
                    "minutes_distributed_at": moment(offset + 1, 11),
                    "distributed_to": "全体参会人" if zh else "all attendees",
                }
            if i > 0 and r.random() < 0.2:
                meeting["follow_up_of"] = f"m{i - 1}"
            if r.random() < 0.3:
                item = {
                    "agenda": self.pick(agenda)["key"],
                    "text": self.phrase(),
                    "owner": self.pick(attendees),
                }
                if i + 1 < MEETINGS_PER_PROJECT:
                    item["follow_up_meeting"] = f"m{i + 1}"  # defined later: a forward key
                meeting["open_items"] = [item]
            out.append(meeting)
        return out

    def tasks(self, start, involved, people, goals, decisions, zh) -> list[dict]:
        r = self.r
        out = []
        # Every status in every project, in proportions that differ per project.
        weights = [r.uniform(0.2, 3.0) for _ in TASK_STATUSES]
        statuses = TASK_STATUSES + r.choices(
            TASK_STATUSES, weights, k=self.tasks_per_project - len(TASK_STATUSES)
        )
        for i in range(self.tasks_per_project):
            status = statuses[i]
            begin = start + r.randint(0, 60)
            due = begin + r.randint(5, 120)
            progress = {"todo": 0, "in_progress": r.randint(10, 90), "blocked": r.randint(0, 80)}
            owner = self.pick(people)
            task = {
                "code": f"T-{i + 1:03d}",
                "title": self.phrase(zh),
                "description": self.sentence(),
                "owner": owner,
                "goal": self.pick(goals)["key"] if r.random() < 0.7 else None,
                "decision": self.pick(decisions) if decisions and r.random() < 0.3 else None,
                "deliverable": self.phrase(),
                "quality_standard": self.sentence(),
                "start_on": day(begin),
                "due_on": day(due),
                "status": status,
                "progress": progress.get(status, 100),
                "priority": self.pick(PRIORITIES),
                "supports": [
                    {
                        "department": d,
                        "duty": self.phrase(),
                        "contact": self.pick(self.people_by_dept[d]),
                    }
                    for d in r.sample(involved, r.randint(1, 2))
                ],
            }
            if status in ("done", "accepted"):
                task["done_at"] = moment(min(due, -1), 17, 30)
            # Updates of the last days, never before the task started (the lifecycle
            # refuses an update dated before its task's start).
            update_days = [k for k in range(3) if -k - 1 >= begin]
            if status != "todo" and update_days and r.random() < 0.3:
                task["updates"] = [
                    {
                        "on": day(-k - 1),
                        "author": owner,
                        "progress": min(100, 20 * (3 - k)),
                        "done": self.phrase(),
                        "problems": self.phrase() if r.random() < 0.4 else "",
                    }
                    for k in update_days[: r.randint(1, len(update_days))]
                ]
            out.append(task)
        return out

    def practices(self, projects: list[dict]) -> list[dict]:
        out = []
        for p in projects:
            for item in p.get("retro", [])[:2]:
                out.append(
                    {
                        "title": f"{p['code']}: {self.phrase()}",
                        "body": item["text"],
                        "tags": self.r.sample(["会议", "纪要", "risk", "handoff", "验收"], 2),
                        "source_project": p["code"],
                        "source_retro_item": item["key"],
                        "source_on": day(-10),
                    }
                )
        return out

    def dataset(self) -> dict:
        departments, people = self.directory()
        projects = [self.project(i) for i in range(self.n_projects)]
        return {
            "format": "collab-dataset/1",
            "description": "Benchmark store: many projects, tasks, meetings and risks.",
            "departments": departments,
            "people": people,
            "projects": projects,
            "practices": self.practices(projects),
        }


# --------------------------------------------------------------------------- main


def _remove(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"(default {DEFAULT_OUT})")
    parser.add_argument("--seed", type=int, default=20260, help="random seed (default 20260)")
    parser.add_argument("--projects", type=int, default=N_PROJECTS, help="(default 50)")
    parser.add_argument(
        "--tasks", type=int, default=TASKS_PER_PROJECT, help="tasks per project (default 200)"
    )
    parser.add_argument("--force", action="store_true", help="overwrite an existing file")
    parser.add_argument(
        "--quick", action="store_true", help="a small store into a temporary file, then delete it"
    )
    args = parser.parse_args(argv)
    if args.quick:
        import tempfile

        with tempfile.TemporaryDirectory(prefix="collab-quick-") as folder:
            out = Path(folder) / "quick.sqlite3"
            quick = ["--out", str(out), "--force", "--seed", str(args.seed), *QUICK_SIZE]
            return main(quick)
    out: Path = args.out
    if out.exists() and not args.force:
        # Exit 0: `make bench` runs this before every benchmark and reuses the store.
        print(f"make_store: {out} exists; keeping it (use --force to rebuild it)")
        return 0
    t0 = time.perf_counter()

    from sqlalchemy import event, func, select
    from sqlmodel import Session

    from collabtui.domain.clock import Clock
    from collabtui.store import Store, models

    data = Builder(args.seed, args.projects, args.tasks).dataset()
    n_tasks = sum(len(p["tasks"]) for p in data["projects"])
    print(
        f"built dataset: {len(data['projects'])} projects, {n_tasks} tasks "
        f"({time.perf_counter() - t0:.1f} s)",
        flush=True,
    )

    if args.force:
        _remove(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    store = Store(f"sqlite:///{out}", "bench", create_parent=True)

    inserted = 0
    step = 10_000

    def progress(session, _ctx) -> None:
        nonlocal inserted
        before = inserted
        inserted += len(session.new)
        if inserted // step != before // step:
            elapsed = time.perf_counter() - t0
            print(f"  … {inserted:>7,} rows inserted ({elapsed:.1f} s)", flush=True)

    event.listen(Session, "after_flush", progress)
    try:
        t_load = time.perf_counter()
        print("loading (one transaction) …", flush=True)
        store.load_dataset(data, clock=Clock(), intent="bench.make_store")
        load_s = time.perf_counter() - t_load
    finally:
        event.remove(Session, "after_flush", progress)
    del data

    print("\nrows per table:")
    total = 0
    counts: dict[str, int] = {}
    for name, model in models.TABLES.items():
        n = counts[name] = store.count(model)
        total += n if model is not models.Change else 0
        print(f"  {name:<18} {n:>8,}")
    with store.db.read() as s:
        by_action = dict(
            s.exec(select(models.Change.action, func.count()).group_by(models.Change.action)).all()
        )
    store.close()
    creates = by_action.get(models.ChangeAction.CREATE, 0)
    print(f"  {'(records total)':<18} {total:>8,}")
    print("change log: " + ", ".join(f"{n:,} {a.value}" for a, n in sorted(by_action.items())))
    if creates != total:
        print(f"WARNING: {creates:,} 'create' change rows for {total:,} records", file=sys.stderr)
    loaded_tasks = counts.get("task", 0)
    if loaded_tasks != n_tasks or counts.get("project", 0) != args.projects:
        print(
            f"make_store: FAILED: the store holds {counts.get('project', 0)} projects and "
            f"{loaded_tasks} tasks; the dataset had {args.projects} and {n_tasks}",
            file=sys.stderr,
        )
        return 1
    elapsed = time.perf_counter() - t0
    size = sum(Path(f"{out}{s}").stat().st_size for s in ("", "-wal") if Path(f"{out}{s}").exists())
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\nfile: {out} ({size / 2**20:.1f} MiB)")
    print(f"load_dataset: {load_s:.1f} s; total elapsed: {elapsed:.1f} s; peak RSS {peak:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
