"""Which kind of suggestions a page lists (tech transfer, investors): the one asked for by `?kind=` when it applies to
the organisation, else the first that does, with why the one asked for was not shown."""
from __future__ import annotations

from flask import abort, request
from flask_babel import lazy_gettext as _l

from matchmaker.models import Organisation
from matchmaker.services.matching import match_kinds
from matchmaker.taxonomy import COMPANY_KINDS

KINDS = {"tech-transfer": _l("Tech transfer"), "investor": _l("Investors and start-ups")}
UNKNOWN = "unknown"
# What each list holds, said to the one reading it (the list's name alone, "Tech transfer", explained nothing).
HINTS = {("tech-transfer", "company"): _l("Research partners for your company: universities, IRCCS and hospitals, "
                                          "research centres."),
         ("tech-transfer", "research"): _l("Companies that could use or develop your research."),
         ("investor", "company"): _l("Investors whose focus and tickets fit your company."),
         ("investor", "investor"): _l("Start-ups and companies that fit your investment focus.")}


def hint(kind: str, organisation: Organisation) -> str:
    """What the `kind` list of `organisation` holds, in the reader's words ("" for a kind it has no list of)."""
    side = "investor" if organisation.kind == "investor" else \
        "company" if organisation.kind in COMPANY_KINDS else "research"
    return str(HINTS.get((kind, side), ""))


def kinds_for(organisation: Organisation) -> dict:
    """The match kinds that apply to the organisation (no empty tech-transfer tab for an investor, no investor tab
    for a company that cannot have investor suggestions)."""
    kinds = match_kinds(organisation)
    return {code: label for code, label in KINDS.items() if code in kinds}


def asked_kind(organisation: Organisation) -> tuple[str, str | None]:
    """The kind asked for ("investors" read as "investor"), else the first that applies; and, when the one asked for
    is not shown, why: UNKNOWN (no such kind: a mistyped link) or the kind itself (one the organisation cannot
    have: an old bookmark, a link meant for someone else), the page then listing the first kind that applies and
    saying why."""
    kinds = kinds_for(organisation)
    first = next(iter(kinds), "tech-transfer")  # (an association or "other" has none: an empty list)
    asked = request.args.get("kind")
    if not asked:
        return first, None
    asked = "investor" if asked == "investors" else asked
    if asked not in KINDS:
        return first, UNKNOWN
    return (asked, None) if asked in kinds else (first, asked)


def chosen_kind(organisation: Organisation) -> str:
    """The kind asked for, else the first that applies; 404 for one that does not apply or does not exist (the
    review queue: its links come from the list, which says why a kind is not shown)."""
    kind, refused = asked_kind(organisation)
    if refused:
        abort(404)
    return kind
