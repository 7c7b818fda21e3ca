"""Finding one organisation by what an administrator types (the invitation form), among thousands."""
from __future__ import annotations

import re

from flask_babel import gettext as _
from sqlalchemy import case, func

from matchmaker.extensions import db
from matchmaker.models import Organisation

LABEL_ID = re.compile(r"\(#(\d+)\)\s*$")  # "Name (#123)": what a chosen suggestion fills in


def label(organisation: Organisation) -> str:
    """How the form shows an organisation: its name and id, so that namesakes stay apart."""
    return f"{organisation.name} (#{organisation.id})"


def find(text: str, limit: int = 10) -> list[Organisation]:
    """Organisations whose name contains every typed word (accents and case as stored), names that start with
    the text first, then life-science profiles, then by name."""
    words = text.split()
    if not words:
        return []
    stmt = db.select(Organisation)
    for word in words[:6]:
        stmt = stmt.where(func.lower(Organisation.name).contains(word.lower(), autoescape=True))
    starts = case((func.lower(Organisation.name).startswith(text.strip().lower(), autoescape=True), 0), else_=1)
    outside = case((Organisation.life_sciences.is_(False), 1), else_=0)
    stmt = stmt.order_by(starts, outside, func.lower(Organisation.name), Organisation.id).limit(limit)
    return list(db.session.execute(stmt).scalars())


def resolve(text: str | None, chosen_id: str | None = None) -> tuple[Organisation | None, str]:
    """(the organisation the field names, "") or (None, why not); an empty field names none (no error).

    Accepts a chosen suggestion ("Name (#id)"), an id posted by a script, or a name that exactly one
    organisation has."""
    text = (text or "").strip()
    if chosen_id and str(chosen_id).isdigit() and int(chosen_id):
        found = db.session.get(Organisation, int(chosen_id))
        return (found, "") if found else (None, _("No such organisation."))
    if not text:
        return None, ""
    if match := LABEL_ID.search(text):
        found = db.session.get(Organisation, int(match.group(1)))
        if found is not None and found.name.strip().lower() == LABEL_ID.sub("", text).strip().lower():
            return found, ""
        return None, _("No such organisation: choose one of the suggestions.")
    named = db.session.execute(db.select(Organisation).where(func.lower(Organisation.name) == text.lower())
                               .limit(2)).scalars().all()
    if len(named) == 1:
        return named[0], ""
    if named:
        return None, _("Several organisations have this name: choose one of the suggestions.")
    return None, _("No organisation has this name: choose one of the suggestions.")
