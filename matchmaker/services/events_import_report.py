"""A participant import's report, kept as a finished job's result (the page shows it, whether the rows were imported
inline or by the worker), and its rows not imported as a CSV to fix and import again."""
from __future__ import annotations

import csv
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


def refused_csv(data: dict, reason: Callable[[str, dict], str], not_tried: str, reason_header: str) -> str:
    """The rows not imported as CSV (UTF-8 with BOM): the import's own columns, so the fixed file imports as it is,
    and `reason_header` with why each row was refused (`not_tried` for a good row of an all-or-nothing import)."""
    why: dict[int, list[str]] = {}
    for entry in data.get("errors", []):
        line, code, params = (list(entry) + [{}])[:3]
        why.setdefault(line, []).append(reason(code, params or {}))
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([*COLUMNS, reason_header])
    for line, row in data.get("rows", []):
        text = "; ".join(why[line]) if line in why else not_tried
        writer.writerow([_safe(row.get(key, "")) for key in COLUMNS] + [text])
    return "\ufeff" + buffer.getvalue()
