"""What the logged-in home page shows: profile completeness, suggestions to review, interest, connections."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from matchmaker.extensions import db
from matchmaker.models import Feedback, Interest, Organisation, Suggestion, User
from matchmaker.services import review
from matchmaker.services.matching import match_kinds
from matchmaker.taxonomy import TRL_KINDS, N_


def _everyone(organisation: Organisation) -> bool:
    return True


def _rates_its_offer(organisation: Organisation) -> bool:
    """A company or a research organisation: TRL applies to its kind (taxonomy.TRL_KINDS)."""
    return organisation.kind in TRL_KINDS


def _seeks_investors(organisation: Organisation) -> bool:
    """A start-up, or an SME that seeks investment: investor matching reads its stage and amount (match_kinds)."""
    return organisation.kind != "investor" and "investor" in match_kinds(organisation)


def _investor(organisation: Organisation) -> bool:
    return organisation.kind == "investor"


# (code, label, is it there?, does it apply to this kind?) for every part of a profile that suggestions (or, for an
# association or "other", the directory) depend on: the texts and tags of every profile; the TRL of a company's or
# research organisation's offer; a start-up's (or an investment-seeking SME's) funding stage and amount sought; an
# investor's stages, sectors and tickets (rank.passes_investor_filters, scoring.ticket_fit).
PARTS = (
    ("description", N_("“Who we are”: a short description"), lambda o: bool(o.description.strip()), _everyone),
    ("offer", N_("What you offer"), lambda o: len(o.offer.strip()) >= 80, _everyone),
    ("seek", N_("What you seek"), lambda o: len(o.seek.strip()) >= 40, _everyone),
    ("keywords", N_("Keywords"), lambda o: bool(o.keywords.strip()), _everyone),
    ("sectors", N_("Sectors"), lambda o: bool(o.sectors), _everyone),
    ("therapeutic_areas", N_("Therapeutic areas"), lambda o: bool(o.therapeutic_areas), _everyone),
    ("collaboration_types", N_("Collaboration types"), lambda o: bool(o.collaboration_types), _everyone),
    ("trl", N_("TRL of the main offer"), lambda o: o.trl is not None, _rates_its_offer),
    ("funding_stage", N_("Funding stage"), lambda o: bool(o.funding_stage), _seeks_investors),
    ("funding_amount_sought", N_("Amount sought (€)"), lambda o: o.funding_amount_sought is not None,
     _seeks_investors),
    ("investor_stages", N_("Investors: stages"), lambda o: bool(o.investor_stages), _investor),
    ("investor_sectors", N_("Investors: sectors"), lambda o: bool(o.investor_sectors), _investor),
    ("tickets", N_("Investors: smallest or largest ticket (€)"),
     lambda o: o.ticket_min is not None or o.ticket_max is not None, _investor),
    ("contact", N_("Contact person and e-mail"), lambda o: bool(o.contact_name and o.contact_email), _everyone),
    ("place", N_("City, region and country"),
     lambda o: bool(o.city and o.country and (o.region or o.country != "IT")), _everyone),  # regions: Italian only
)


@dataclass
class Completeness:
    """How complete a profile is (percent) and the labels (marked, untranslated) of what is missing."""

    percent: int
    missing: list[str]


def completeness(organisation: Organisation) -> Completeness:
    """The share of the profile parts that matching uses for this kind of organisation filled in, and which are
    missing."""
    parts = [(label, present) for _, label, present, applies in PARTS if applies(organisation)]
    missing = [label for label, present in parts if not present(organisation)]
    return Completeness(round(100 * (len(parts) - len(missing)) / len(parts)), missing)


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
