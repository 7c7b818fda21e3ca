"""What the logged-in home page shows: profile completeness, suggestions to review, interest, connections."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from matchmaker.extensions import db
from matchmaker.models import Feedback, Interest, Organisation, Suggestion, User
from matchmaker.services import review
from matchmaker.services.matching import match_kinds
from matchmaker.taxonomy import N_

# (code, label, is it there?) for every part of a profile that suggestions depend on.
PARTS = (
    ("description", N_("“Who we are”: a short description"), lambda o: bool(o.description.strip())),
    ("offer", N_("What you offer"), lambda o: len(o.offer.strip()) >= 80),
    ("seek", N_("What you seek"), lambda o: len(o.seek.strip()) >= 40),
    ("keywords", N_("Keywords"), lambda o: bool(o.keywords.strip())),
    ("sectors", N_("Sectors"), lambda o: bool(o.sectors)),
    ("therapeutic_areas", N_("Therapeutic areas"), lambda o: bool(o.therapeutic_areas)),
    ("collaboration_types", N_("Collaboration types"), lambda o: bool(o.collaboration_types)),
    ("trl", N_("TRL of the main offer"), lambda o: o.kind == "investor" or o.trl is not None),
    ("contact", N_("Contact person and e-mail"), lambda o: bool(o.contact_name and o.contact_email)),
    ("place", N_("City, region and country"),
     lambda o: bool(o.city and o.country and (o.region or o.country != "IT"))),  # regions: Italian ones only
)


@dataclass
class Completeness:
    """How complete a profile is (percent) and the labels (marked, untranslated) of what is missing."""

    percent: int
    missing: list[str]


def completeness(organisation: Organisation) -> Completeness:
    """The share of the profile parts filled in, and which are missing."""
    missing = [label for _, label, present in PARTS if not present(organisation)]
    return Completeness(round(100 * (len(PARTS) - len(missing)) / len(PARTS)), missing)


def to_review(organisation: Organisation) -> dict[str, int]:
    """Per match kind that applies: how many suggestions have no answer yet."""
    result = {}
    for kind in match_kinds(organisation):
        answered = select(Feedback.target_id).where(Feedback.organisation_id == organisation.id,
                                                    Feedback.kind == kind)
        interested = select(Interest.target_id).where(Interest.organisation_id == organisation.id)
        result[kind] = db.session.execute(select(func.count()).select_from(Suggestion).where(
            Suggestion.source_id == organisation.id, Suggestion.kind == kind,
            Suggestion.target_id.not_in(answered), Suggestion.target_id.not_in(interested))).scalar_one()
    return result


def dashboard(organisation: Organisation, user: User) -> dict:
    """Everything the member's home page shows, in one place."""
    from matchmaker.services.events_access import next_event

    return {"completeness": completeness(organisation), "to_review": to_review(organisation),
            "interested": review.interested_in(organisation.id)[:5],
            "connections": review.connections_of(organisation.id)[:5], "next_event": next_event(user)}
