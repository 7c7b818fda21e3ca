"""Bulk import of organisation profiles from CSV/XLSX: report bad rows by line, upsert by external_id."""
from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from flask_babel import gettext as _
from sqlalchemy import func
from sqlalchemy.exc import SQLAlchemyError

from matchmaker.extensions import db
from matchmaker.models import Organisation
from matchmaker.services.profile_schema import validate_profile
from matchmaker.services.profiles import PROFILE_FIELDS, apply_profile
from matchmaker.services.rows import given, parse_row, problem_lines
from matchmaker.services.tables import Table

TEMPLATE_COLUMNS = ["external_id", *(f for f in PROFILE_FIELDS if f != "name")]
TEMPLATE_COLUMNS.insert(1, "name")
KNOWN_COLUMNS = set(TEMPLATE_COLUMNS)
MODES = ("good", "all")  # import the good rows / import nothing if any row is bad
EXAMPLE_ROW = {
    "external_id": "ACME-001", "name": "Acme Biotech S.r.l.", "kind": "startup", "sme": "yes",
    "city": "Milano", "region": "Lombardia", "country": "IT", "website": "https://acme.example",
    "description": "Spin-off developing RNA therapeutics.", "offer": "siRNA delivery platform",
    "seek": "Clinical partner for a phase I study in rare diseases", "keywords": "siRNA; lipid nanoparticles",
    "sectors": "biotech", "therapeutic_areas": "rare_diseases; neurology",
    "collaboration_types": "co_development; clinical_study", "trl": "4", "funding_stage": "seed",
    "funding_amount_sought": "1500000", "contact_name": "Giulia Rossi", "contact_email": "giulia@acme.example",
    "contact_public": "no", "language": "en",
}


@dataclass
class RowError:
    """Why one line of the file was not imported."""

    line: int
    message: str


@dataclass
class ImportReport:
    """What an import did (or would have done) and what it refused."""

    mode: str
    total: int = 0
    created: int = 0
    updated: int = 0
    errors: list[RowError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    applied: bool = False
    skipped: list[RowError] = field(default_factory=list)  # good rows left out by the ownership rules
    changes: list[RowError] = field(default_factory=list)  # member-owned profiles changed by an admin override

    @property
    def good(self) -> int:
        return self.total - len({e.line for e in self.errors})


class Skip(Exception):
    """A good row that the ownership rules leave out; the message says why."""


class Refused(Exception):
    """A row whose cells, with what the profile keeps where they are empty, break the profile's rules."""


def _updates_checked(good: list[tuple[int, dict]], report: ImportReport) -> list[tuple[int, dict]]:
    """The good rows, an update's data completed by what its profile keeps where its cells are empty; without the
    updates that then break the profile's rules (reported by line, before anything is written: an all-or-nothing
    import then writes nothing)."""
    kept = []
    for line, data in good:
        try:
            organisation = _existing(data)
            if organisation is not None:
                data = _with_stored(organisation, data)
        except Skip:
            pass  # reported when the row is applied
        except Refused as exc:
            report.errors.append(RowError(line, str(exc)))
            continue
        kept.append((line, data))
    report.errors.sort(key=lambda e: e.line)
    return kept


def _with_stored(organisation: Organisation, data: dict) -> dict:
    """The profile an update makes: the stored values where the row's cells are empty (rows.given), the rules that
    link two fields (kind and SME, region and country, the smallest and largest ticket) checked on the whole, as
    the profile form would; Refused with the messages (by field) when it breaks one."""
    stored = {name: getattr(organisation, name) for name in PROFILE_FIELDS}
    merged, problems = validate_profile({**stored, **data}, stored)
    if problems:
        raise Refused("; ".join(problem_lines(problems)))
    return merged


def _key(data: dict) -> str:
    if data.get("external_id"):
        return f"id:{data['external_id'].lower()}"
    return f"name:{data['name'].strip().lower()}"


def _existing(data: dict) -> Organisation | None:
    """Re-importing updates: match on external_id (any case), or on the name among organisations without an
    external_id, those without members first; raises Skip when a name is ambiguous."""
    if data.get("external_id"):
        stmt = db.select(Organisation).where(func.lower(Organisation.external_id) == data["external_id"].lower())
        return db.session.execute(stmt.limit(1)).scalar_one_or_none()
    same_name = db.session.execute(db.select(Organisation).where(
        func.lower(Organisation.name) == data["name"].strip().lower(), Organisation.external_id.is_(None))
        .limit(3)).scalars().all()
    free = [o for o in same_name if not o.members]
    owned = [o for o in same_name if o.members]
    candidates = free or owned  # a member-owned one is then skipped by _guard_ownership, unless overridden
    if len(candidates) > 1:
        raise Skip(_("several organisations are named %(name)s: add the external_id of the one to update",
                     name=data["name"]))
    return candidates[0] if candidates else None


def _guard_ownership(organisation: Organisation, override: bool) -> None:
    """An import never changes an organisation that has members (they own its profile), unless overridden."""
    if organisation.members and not override:
        raise Skip(_("%(name)s has members, who own its profile: not changed by an import",
                     name=organisation.name))


def _changed_fields(organisation: Organisation, data: dict) -> list[str]:
    return [f for f in PROFILE_FIELDS if f in data and getattr(organisation, f) != data[f]]


def validate(table: Table, report: ImportReport) -> list[tuple[int, dict]]:
    """Check every row; return the good ones and record the bad ones (with line numbers) in `report`."""
    unknown = [h for h in table.header if h and h not in KNOWN_COLUMNS]
    if unknown:
        report.warnings.append(_("Ignored unknown column(s): %(columns)s", columns=", ".join(unknown)))
    if "name" not in table.header or "kind" not in table.header:
        report.errors.append(RowError(1, _("the header must have at least the columns 'name' and 'kind'")))
        return []
    good, seen = [], {}
    for line, raw in table.rows:
        data, problems = parse_row(raw)
        if not problems and _key(data) in seen:
            problems = [_("same organisation as line %(line)s", line=seen[_key(data)])]
        if problems:
            report.errors.extend(RowError(line, p) for p in problems)
        else:
            seen[_key(data)] = line
            good.append((line, given(raw, data)))  # an empty cell keeps what an update finds stored
    return good


def import_organisations(table: Table, mode: str = "good", progress: Callable[[Iterable], Iterable] | None = None,
                         commit: bool = True, override: bool = False, actor_id: int | None = None,
                         label: str = "") -> ImportReport:
    """Validate, then create or update organisations; in mode 'all' any bad row means nothing is written.

    Organisations with members are skipped (reported with the reason) unless `override` (an admin's explicit
    choice), and then the report lists every field changed. The import is recorded in the audit log under
    `actor_id` (None: the command line) and `label` (the file name). With commit=False (a background job) nothing is
    committed and the suggestions are not refreshed: the job rebuilds them and commits both at once, so a
    worker killed mid-import leaves nothing half-written.
    """
    if mode not in MODES:
        raise ValueError(f"mode must be one of {MODES}")
    report = ImportReport(mode=mode, total=len(table.rows))
    changed: list[Organisation] = []
    good = _updates_checked(validate(table, report), report)
    if report.errors and (mode == "all" or not good):
        return report
    for line, data in (progress(good) if progress else good):
        try:
            with db.session.begin_nested():  # one bad row must not take the others down with it
                organisation = _existing(data)
                is_new = organisation is None
                if organisation is None:
                    organisation = Organisation(name=data["name"], kind=data["kind"],
                                                external_id=data.get("external_id"), source="csv")
                    db.session.add(organisation)
                else:
                    _guard_ownership(organisation, override)
                    if organisation.members:
                        fields = ", ".join(_changed_fields(organisation, data)) or "—"
                        report.changes.append(RowError(line, f"{organisation.name}: {fields}"))
                apply_profile(organisation, data)
                db.session.flush()
            report.created += is_new
            report.updated += not is_new
            changed.append(organisation)
        except Skip as exc:
            report.skipped.append(RowError(line, str(exc)))
        except SQLAlchemyError as exc:
            report.errors.append(RowError(line, _("could not be saved (%(error)s)", error=exc.__class__.__name__)))
    report.errors.sort(key=lambda e: e.line)
    report.applied = True
    _audit(report, actor_id, label, override)
    if commit:
        db.session.commit()
        _refresh_suggestions(changed)
    return report


def _audit(report: ImportReport, actor_id: int | None, label: str, override: bool) -> None:
    from matchmaker.models import User
    from matchmaker.services import audit

    actor = db.session.get(User, actor_id) if actor_id else None
    audit.record(actor, "import", label, created=report.created, updated=report.updated, override=override,
                 skipped=len(report.skipped), refused=report.total - report.good,
                 changed_with_members=[f"line {c.line}: {c.message}" for c in report.changes])


def report_dict(report: ImportReport) -> dict:
    """The report as JSON (a background import's result)."""
    return {"mode": report.mode, "total": report.total, "created": report.created, "updated": report.updated,
            "errors": [{"line": e.line, "message": e.message} for e in report.errors],
            "skipped": [{"line": e.line, "message": e.message} for e in report.skipped],
            "changes": [{"line": e.line, "message": e.message} for e in report.changes],
            "warnings": report.warnings, "applied": report.applied, "good": report.good}


def report_from_dict(data: dict) -> ImportReport:
    """The report back from a background import's result."""
    return ImportReport(mode=data["mode"], total=data["total"], created=data["created"], updated=data["updated"],
                        errors=[RowError(**e) for e in data["errors"]], warnings=data["warnings"],
                        applied=data["applied"], skipped=[RowError(**e) for e in data.get("skipped", [])],
                        changes=[RowError(**e) for e in data.get("changes", [])])


def import_in_background(data: bytes, filename: str, mode: str, user_id: int | None = None,
                         override: bool = False):
    """Queue the import as a job (the worker imports and rebuilds the suggestions); returns the job."""
    from matchmaker.jobs import enqueue

    return enqueue("import-orgs", {"data": data, "filename": filename, "mode": mode, "override": override,
                                   "actor_id": user_id}, user_id=user_id, label=filename)


INCREMENTAL_LIMIT = 50  # above this many changed profiles one full rebuild is cheaper than many refreshes


def _refresh_suggestions(changed: list[Organisation]) -> None:
    from matchmaker.services import engine, suggestions

    if len(changed) > INCREMENTAL_LIMIT:
        suggestions.rebuild_all()
        return
    engine.refresh(changed)


def template_csv() -> str:
    """The import template: header row and one example row."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=TEMPLATE_COLUMNS, extrasaction="ignore")
    writer.writeheader()
    writer.writerow(EXAMPLE_ROW)
    return out.getvalue()


def template_xlsx() -> bytes:
    """The same template as an Excel workbook."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "organisations"
    sheet.append(TEMPLATE_COLUMNS)
    sheet.append([EXAMPLE_ROW.get(c, "") for c in TEMPLATE_COLUMNS])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
