"""Adding participants by hand or from a table: one checked row at a time (e-mail, duplicates, organisation)."""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from email_validator import EmailNotValidError, validate_email
from flask_babel import gettext as _
from sqlalchemy import delete, false, or_, select
from sqlalchemy.exc import IntegrityError

from matchmaker.extensions import db
from matchmaker.models.event import Event, EventParticipant
from matchmaker.models.user import User
from matchmaker.services import events_orgs
from matchmaker.services.events import Conflict
from matchmaker.services.events_welcome import welcome
from matchmaker.services.tables import Table, TableError


COLUMNS = ("name", "email", "organisation")  # what a row of the table may give
# The other headers read as those columns (as tables.normalise_header writes them): an Italian sheet's "Nome;E-mail;
# Organizzazione", the usual English variants.
COLUMN_NAMES = {"name": ("name", "nome", "nome_e_cognome", "full_name", "participant", "partecipante"),
                "email": ("email", "e_mail", "mail", "email_address", "e_mail_address", "indirizzo_email"),
                "organisation": ("organisation", "organization", "organizzazione", "company", "azienda", "ente",
                                 "affiliation")}


def participant_rows(table: Table) -> list[tuple[int, dict[str, str]]]:
    """The table's rows keyed by COLUMNS (COLUMN_NAMES recognised). TableError when its first row names neither a
    name nor an e-mail column: every row would otherwise be refused one by one for a missing name."""
    known = {alias: column for column, aliases in COLUMN_NAMES.items() for alias in aliases}
    if not any(known.get(name) in ("name", "email") for name in table.header):
        found = ", ".join(name for name in table.header if name)[:200] or "—"
        raise TableError(_("The first row names no column this import reads (it has: %(found)s). It needs a "
                           "column “name” or “email”, and may have “organisation” (or nome, e-mail, "
                           "organizzazione).", found=found))
    return [(number, {known[key]: value for key, value in row.items() if key in known})
            for number, row in table.rows]


@dataclass
class ImportReport:
    """Rows added, each reason a row was refused for (its number, a code and the code's parameters; a row may have
    several), and the rows not
    imported ([line, {name, email, organisation}]: the refused ones, or every row when mode "all" kept none)."""

    added: int = 0
    errors: list[tuple[int, str, dict]] = field(default_factory=list)
    rows: list[list] = field(default_factory=list)


def import_rows(event: Event, rows: list[tuple[int, dict[str, str]]],
                progress: Callable[[Iterable], Iterable] | None = None, inviter_id: int | None = None,
                mode: str = "good") -> ImportReport:
    """Add participants from table rows (email, name, organisation); a row whose e-mail belongs to an account
    joins as that person, for that person's own organisation. Rows come with their line number; bad ones are
    reported by it with every reason apart (bad e-mail, no name, already a participant, unknown organisation),
    good ones committed (with mode "all", none if any row is bad); the people added are told (events_welcome), a
    row refused as a duplicate is not told again."""
    report, added, every = ImportReport(), [], []
    for number, row in (progress(rows) if progress else rows):
        every.append([number, {key: (row.get(key) or "").strip() for key in COLUMNS}])
        try:
            added.append(_add(event, row))
        except Conflict as exc:  # every reason of the row, in the order of its columns' checks
            report.errors.extend((number, *reason) for reason in getattr(exc, "reasons", [exc.reason]))
            report.rows.append(every[-1])
        else:
            report.added += 1
    if report.errors and mode == "all":  # the organiser's choice: nothing unless every row is good
        report.rows = every
        ids = [p.id for p in added]
        db.session.rollback()
        # in-memory SQLite (no BEGIN hook, extensions.py) commits a first savepoint on release: delete what remains
        db.session.execute(delete(EventParticipant).where(EventParticipant.id.in_(ids)))
        report.added, added = 0, []
    db.session.commit()
    welcome(event, added, inviter_id)
    return report


def add_participant(event: Event, name: str, email: str, organisation: str,
                    inviter_id: int | None = None) -> EventParticipant:
    """The organiser adds one person; committed and told (events_welcome). Raises Conflict ("invalid_email",
    "unknown_organisation" or "ambiguous_organisation" with the closest names, "already_registered" with the
    participant's name, "missing_name")."""
    participant = _add(event, {"name": name, "email": email, "organisation": organisation})
    db.session.commit()
    welcome(event, [participant], inviter_id)
    return participant


class RowRefused(Conflict):
    """A row refused for one or more reasons (`reasons`, each a code with parameters; `reason` is the first), all
    said at once so that one fix of the file is enough."""

    def __init__(self, reasons: list[tuple[str, dict]]) -> None:
        super().__init__(*reasons[0])
        self.reasons = reasons


def _add(event: Event, row: dict[str, str]) -> EventParticipant:
    problems: list[tuple[str, dict]] = []
    email, name, user = "", (row.get("name") or "").strip(), None
    try:
        email = _email(row.get("email") or "")
    except Conflict as exc:
        problems.append(exc.reason)
    else:
        user = db.session.execute(select(User).where(User.email == email)).scalar() if email else None
    if not name and user is None:  # the name is taken from the account of a known e-mail only
        given = email or (row.get("email") or "").strip()  # an address not valid has no account either
        problems.append(("missing_name", {"email": given} if given else {}))
    found = db.session.execute(select(EventParticipant).where(EventParticipant.event_id == event.id, or_(
        EventParticipant.user_id == user.id if user else false(),
        EventParticipant.email == email if email else false()))).scalars().first()
    if found is not None:
        problems.append(("already_registered", {"name": found.name}))
    org_name, organisation = (row.get("organisation") or "").strip(), None
    try:
        organisation = events_orgs.find(org_name) if org_name else None  # loosely; with the closest names
    except Conflict as exc:
        problems.append(exc.reason)
    if problems:
        raise RowRefused(problems)
    # A person with an account always takes part for their own organisation (a row naming another one must
    # not make them a delegate of it, nor show them that organisation's suggestions).
    participant = EventParticipant(
        event_id=event.id, user_id=user.id if user else None, name=name or user.name, email=email,
        organisation_id=user.organisation_id if user else (organisation.id if organisation else None))
    try:
        with db.session.begin_nested():  # the database refuses the same person or e-mail twice in one event
            db.session.add(participant)
    except IntegrityError:
        raise Conflict("already_registered", {"name": name}) from None
    return participant


def _email(value: str) -> str:
    """The e-mail lower-cased, "" if none; Conflict "invalid_email" if it is not an address."""
    value = value.strip()
    if not value:
        return ""
    try:
        return validate_email(value, check_deliverability=False).normalized.lower()
    except EmailNotValidError:
        raise Conflict("invalid_email", {"value": value}) from None
