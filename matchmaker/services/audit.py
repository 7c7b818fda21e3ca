"""Record organisers' and admins' changes to others' data, and list them for the admins' audit page."""
from __future__ import annotations

from typing import Any

from flask_sqlalchemy.pagination import Pagination

from matchmaker.extensions import db
from matchmaker.models import AuditEntry, User
from matchmaker.taxonomy import N_

# Each action's wording on the audit page (translated there).
ACTIONS = {
    "import": N_("Import of organisations"),
    "role": N_("Role changed"),
    "invitation": N_("Invitation sent"),
    "profile": N_("Profile edited by an administrator"),
    "join": N_("Join request decided"),
}


def record(actor: User | None, action: str, target: str, **details: Any) -> AuditEntry:
    """Add an entry to the session (the caller's transaction commits it with the change itself)."""
    entry = AuditEntry(actor_id=actor.id if actor else None, actor=actor.email if actor else "command line",
                       action=action, target=target[:300], details=details)
    db.session.add(entry)
    return entry


def entries(page: int, per_page: int = 50) -> Pagination:
    """The newest entries first, one page."""
    stmt = db.select(AuditEntry).order_by(AuditEntry.id.desc())
    return db.paginate(stmt, page=max(1, min(page, 100_000)), per_page=per_page, error_out=False)


def by_actor(user: User) -> list[AuditEntry]:
    """Everything `user` did that the log holds (for their data export)."""
    return list(db.session.execute(db.select(AuditEntry).where(AuditEntry.actor_id == user.id)
                                   .order_by(AuditEntry.id)).scalars())
