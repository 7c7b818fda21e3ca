"""The words people read for the matching engine's reason codes, strengths and drivers (English; each sentence
is one literal with named placeholders, ready for Flask-Babel)."""
from __future__ import annotations

from matchmaker import glossary
from matchmaker.matching.reasons import Reasons
from matchmaker.taxonomy import COLLABORATION_TYPES, FUNDING_STAGES, SECTORS, THERAPEUTIC_AREAS

STRENGTHS = {"strong": "Strong match", "good": "Good match", "possible": "Possible match"}
DRIVERS = {
    "seek": "mainly what you seek meets what they offer",
    "offer": "mainly what they seek meets what you offer",
    "track": "mainly their track record on work like yours",
    "network": "mainly partners you share",
    "areas": "mainly shared therapeutic areas",
    "sectors": "mainly shared sectors",
    "trl": "mainly a fitting TRL",
    "collaboration": "mainly the collaboration you both want",
    "region": "mainly being in your region",
    "country": "mainly being in your country",
}
SENTENCES = {
    "shared_concepts": "Both work on {concepts}",
    "shared_area": "Both work in {areas}",
    "seek_meets_offer": "What you seek meets what they offer: {terms}",
    "offer_meets_seek": "What they seek meets what you offer: {terms}",
    "stage_fit": "Invests at your stage: {stage}",
    "ticket_fit": "Your round of {amount} is within their tickets ({min} to {max})",
    "ticket_syndicate": "Your round of {amount} is beyond their tickets ({min} to {max}): a syndicate is needed",
    "investor_sector": "Invests in {sectors}",
    "shared_sector": "Shared sectors: {sectors}",
    "trl_fit": "Their TRL {theirs} fits your TRL {yours}",
    "collaboration": "Both want {types}",
    "similar_track": "Track record: {similar} of their {total} funded projects are on work like yours",
    "similar_track_one": "Track record: {similar} of their {total} funded projects is on work like yours",
    "similar_track_all": "Track record: their funded project is on work like yours",
    "track_record": "Track record: {projects} funded projects",
    "track_record_one": "Track record: one funded project",
    "shared_partners": "You have {count} past partners in common",
    "shared_partners_one": "You have a past partner in common",
    "same_region": "In your region ({region})",
    "same_country": "In your country ({country})",
}


def _money(value: int) -> str:
    return f"€{value:,.0f}"


def _params(code: str, params: dict) -> dict:
    """Codes and numbers made readable for the sentence of `code`."""
    words = dict(params)
    if "concepts" in words:
        words["concepts"] = ", ".join(glossary.label(c) for c in words["concepts"])
    if "areas" in words:
        words["areas"] = ", ".join(THERAPEUTIC_AREAS.label(c).lower() for c in words["areas"])
    if "sectors" in words:
        words["sectors"] = ", ".join(SECTORS.label(c) for c in words["sectors"])
    if "types" in words:
        words["types"] = ", ".join(COLLABORATION_TYPES.label(c).lower() for c in words["types"])
    if "terms" in words:
        words["terms"] = ", ".join(words["terms"])
    if "stage" in words:
        words["stage"] = FUNDING_STAGES.label(words["stage"])
    for key in ("amount", "min", "max"):
        if key in words:
            words[key] = _money(words[key])
    return words


def _variant(code: str, params: dict) -> str:
    """The sentence for one (singular forms have their own sentence, as translations need)."""
    if code == "similar_track" and params["total"] == 1:
        return "similar_track_all"
    if code == "similar_track" and params["similar"] == 1:
        return "similar_track_one"
    if (code, params.get("projects", params.get("count"))) in (("track_record", 1), ("shared_partners", 1)):
        return code + "_one"
    return code


def reason_lines(reasons: Reasons) -> list[str]:
    """One sentence per reason, most telling first."""
    return [SENTENCES[_variant(code, params)].format(**_params(code, params)) for code, params in reasons.items
            if code in SENTENCES]


def headline(reasons: Reasons) -> str:
    """"Strong match — mainly what you seek meets what they offer"."""
    strength = STRENGTHS[reasons.strength]
    driver = DRIVERS.get(reasons.driver)
    return f"{strength} — {driver}" if driver else strength
