"""``collab alerts``: the playbook's rules as a report; exit status 1 when anything is overdue.

For cron and CI: ``collab alerts --json`` prints a JSON array; ``--format md`` a short
digest for the team's group chat. Exit status 0: nothing overdue; 1: something is
overdue; 2: an error (unknown project, bad option, unreadable store).
"""

from __future__ import annotations

import typer

from collabtui import i18n
from collabtui.cli import CliError, options
from collabtui.i18n import t

#: What ``--format`` accepts.
FORMATS = ("text", "md", "json")


def alerts(
    ctx: typer.Context,
    project: str | None = typer.Option(
        None, "--project", metavar="PROJECT", help="Only this project (id or code)."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print a JSON array (= --format json)."),
    fmt: str | None = typer.Option(
        None, "--format", metavar="text|md|json", help="Output format (default: text)."
    ),
    lang: str | None = typer.Option(
        None, "--lang", metavar="en|zh-CN", help="Language (default: the global language)."
    ),
    holidays: str | None = typer.Option(
        None,
        "--holidays",
        metavar="COUNTRY",
        help='Holiday country for working days (default: config "holidays", else CN; "" = weekends only).',
    ),
    output: str | None = typer.Option(
        None, "-o", "--output", metavar="FILE", help="Write to FILE instead of stdout."
    ),
) -> None:
    """What needs attention: every playbook rule a record breaks, most severe first."""
    settings = ctx.find_root().obj
    kind = _kind(as_json, fmt)
    language = options.language(lang, settings.lang)
    tr = i18n.translator(language)
    from collabtui.domain.alerts import alerts as find_alerts
    from collabtui.domain.workdays import UnknownCountry, WorkCalendar, normalize_country

    country = settings.config.holiday_country if holidays is None else normalize_country(holidays)
    try:
        calendar = WorkCalendar(country)
    except UnknownCountry as exc:
        raise CliError(t("alert.err.country", reason=str(exc))) from None
    store = settings.open_store()
    try:
        facts = store.alert_facts(project)
    finally:
        store.close()
    clock = settings.clock
    now, zone = clock.now().replace(microsecond=0), clock.tz
    found = find_alerts(facts, now, calendar, zone)
    if kind == "json":
        from collabtui.export.alerts import render_alerts_json

        _write(render_alerts_json(found, tr, zone), output)
    elif kind == "md":
        from collabtui.export.alerts import render_alerts_md

        _write(render_alerts_md(found, tr, now, zone), output)
    else:
        _print_text(found, tr, zone, output)
    raise typer.Exit(1 if any(a.overdue for a in found) else 0)


def _kind(as_json: bool, fmt: str | None) -> str:
    kind = (fmt or ("json" if as_json else "text")).strip().lower()
    if kind not in FORMATS:
        raise CliError(t("export.err.bad_format", value=fmt, choices="|".join(FORMATS)))
    if as_json and kind != "json":
        raise CliError(t("alert.err.format", value=fmt))
    return kind


def _write(text: str, output: str | None) -> None:
    from collabtui.cli.options import write_output

    write_output(text, output)


#: The record column of the text report is cut to this many terminal cells.
RECORD_CELLS = 48


def _print_text(found, tr, zone, output: str | None) -> None:
    """Aligned plain columns (fast for thousands of rows), the message last, then the counts.

    User text is cleaned of control characters and never read as markup.
    """
    from rich.cells import cell_len

    from collabtui.domain.alerts import count_by_severity
    from collabtui.export.alerts import due_text
    from collabtui.text import clean, truncate

    if not found:
        _write(tr("alert.none") + "\n", output)
        return
    rows = [
        [tr("col.severity"), tr("col.due"), tr("col.project"), tr("col.record"), tr("col.message")]
    ]
    for a in found:
        record = clean(f"{tr(f'alert.record.{a.record_type}')} {a.label}", single_line=True)
        rows.append(
            [
                tr(f"alert.severity.{a.severity}"),
                due_text(a.due, zone),
                clean(a.project_code or "—", single_line=True),
                truncate(record, RECORD_CELLS),
                clean(a.message(tr), single_line=True),
            ]
        )
    widths = [max(cell_len(row[i]) for row in rows) for i in range(4)]
    lines = [
        "  ".join(
            [*(cell + " " * (widths[i] - cell_len(cell)) for i, cell in enumerate(row[:4])), row[4]]
        ).rstrip()
        for row in rows
    ]
    lines.append(tr("alert.counts", **count_by_severity(found)))
    _write("\n".join(lines) + "\n", output)


def register(app: typer.Typer) -> None:
    """Attach ``collab alerts`` to the root app."""
    app.command()(alerts)


__all__ = ["FORMATS", "alerts", "register"]
