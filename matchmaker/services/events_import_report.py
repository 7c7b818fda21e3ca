"""A participant import's report, kept as a finished job's result (the page shows it, whether the rows were imported
inline or by the worker), and its rows not imported as a CSV to fix and import again."""
from __future__ import annotations

import io
from collections.abc import Callable

from matchmaker.extensions import db
from matchmaker.models._common import utcnow
from matchmaker.models.event import Event
from matchmaker.models.job import DONE, Job
from matchmaker.services.events_enrol import COLUMNS, ImportReport

KIND = "import-event-people"


def result(event: Event, report: ImportReport, total: int) -> dict:
    """The job result of an import: added, the refused rows' (line, code, params), the rows not imported."""
    return {"event_id": event.id, "added": report.added, "errors": [list(e) for e in report.errors],
            "rows": report.rows, "message": "people_imported",
            "message_params": {"added": report.added, "refused": len({e[0] for e in report.errors}), "total": total}}


def record(event: Event, report: ImportReport, total: int, filename: str, user_id: int | None) -> Job:
    """A small import done inside the request, kept as a finished job so that its page shows the report; committed."""
    data = result(event, report, total)
    job = Job(kind=KIND, state=DONE, user_id=user_id, label=filename[:255], done=total, total=total,
              message=data.pop("message"), message_params=data.pop("message_params"),
              result=data | {"unit": "rows"}, started_at=utcnow(), finished_at=utcnow())
    db.session.add(job)
    db.session.commit()
    return job


def _safe(text: str) -> str:
    """A cell a spreadsheet shows as text, never runs as a formula."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def refused_csv(data: dict, reason: Callable[[str, dict], str], not_tried: str, headers: list[str]) -> str:
    """The rows not imported as CSV (UTF-8 with BOM) as a spreadsheet of the reader's language opens it (';' in
    Italian): the import's columns under `headers` (their names in that language, which the import reads, then the
    reason's), so the fixed file imports as it is, and why each row was refused (`not_tried` for a good row of an
    all-or-nothing import)."""
    from matchmaker.services.events_export import spreadsheet_csv

    why: dict[int, list[str]] = {}
    for entry in data.get("errors", []):
        line, code, params = (list(entry) + [{}])[:3]
        why.setdefault(line, []).append(reason(code, params or {}))
    buffer = io.StringIO()
    writer = spreadsheet_csv(buffer)
    writer.writerow(headers)
    for line, row in data.get("rows", []):
        text = "; ".join(why[line]) if line in why else not_tried
        writer.writerow([_safe(row.get(key, "")) for key in COLUMNS] + [text])
    return "\ufeff" + buffer.getvalue()
