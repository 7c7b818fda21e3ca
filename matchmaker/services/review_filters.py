"""What an organisation's suggestions can be filtered on, and which targets pass: the directory's facets, TRL and
investor terms in SQL, a therapeutic area tagged or said in the texts, and text as typed or through the directory's
bilingual search."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import and_, func, or_, select

from matchmaker.extensions import db
from matchmaker.models import Organisation, OrganisationTag, Suggestion
from matchmaker.models.review import STATES
from matchmaker.search import index as search_index
from matchmaker.search.analysis import parse_query
from matchmaker.services.profiles import DirectoryFilters, directory_query
from matchmaker.taxonomy import TRL_KINDS

NEW = "new"
STATE_FILTERS = (NEW, *STATES)
AMOUNTS = (250_000, 500_000, 1_000_000, 2_000_000, 5_000_000, 10_000_000)  # euros: the money filter's choices


@dataclass
class ReviewFilters:
    """What the suggestions page and the API may filter on (empty = any)."""

    partner_kind: str = ""
    sector: str = ""
    area: str = ""
    region: str = ""
    country: str = ""
    trl_min: int | None = None
    trl_max: int | None = None
    stage: str = ""  # investor lists: a start-up's funding stage, or a stage an investor invests in
    amount: int | None = None  # investor lists: a start-up's round up to it, or an investor's tickets covering it
    state: str = ""  # "" = everything but declined
    q: str = ""

    @classmethod
    def from_args(cls, args) -> ReviewFilters:
        """From request arguments; unknown states and bad numbers are ignored."""
        def number(name):
            value = args.get(name, type=int)
            return value if value is not None and 1 <= value <= 9 else None

        state, amount = args.get("state", ""), args.get("amount", type=int)
        return cls(partner_kind=args.get("partner_kind", "").strip(), sector=args.get("sector", "").strip(),
                   area=args.get("area", "").strip(), region=args.get("region", "").strip(),
                   country=args.get("country", "").strip().upper()[:2], trl_min=number("trl_min"),
                   trl_max=number("trl_max"), stage=args.get("stage", "").strip()[:20],
                   amount=amount if amount in AMOUNTS else None, state=state if state in STATE_FILTERS else "",
                   q=args.get("q", "").strip()[:200])

    def active(self) -> bool:
        """True when anything but the default is asked for."""
        return any((self.partner_kind, self.sector, self.area, self.region, self.country, self.trl_min,
                    self.trl_max, self.stage, self.amount, self.state, self.q))


def matching_targets(organisation: Organisation, kind: str, f: ReviewFilters) -> set[int]:
    """Ids of suggested targets that pass the filters: the directory's facets (an area tagged or said in the texts:
    the search index's filter term), TRL and investor terms in SQL, then text through the search index too."""
    investors = kind == "investor"  # an investor's sectors may be those it invests in
    # an area tagged or said in the partner's texts (as the card's reasons may: "both work on oncology"), as the
    # directory's area filter takes it
    stmt = directory_query(DirectoryFilters(kind=f.partner_kind, sector="" if investors else f.sector, area=f.area,
                                            region=f.region, country=f.country)
                           ).with_only_columns(Organisation.id).order_by(None)
    if investors and f.sector:
        stmt = stmt.where(Organisation.tags.any(OrganisationTag.facet.in_(("sector", "investor_sector"))
                                                & (OrganisationTag.code == f.sector)))
    stmt = stmt.where(Organisation.id.in_(select(Suggestion.target_id).where(
        Suggestion.source_id == organisation.id, Suggestion.kind == kind)))
    if f.trl_min is not None or f.trl_max is not None:  # a TRL is read only for the kinds it applies to
        stmt = stmt.where(Organisation.kind.in_(sorted(TRL_KINDS)))
    if f.trl_min is not None:
        stmt = stmt.where(Organisation.trl >= f.trl_min)
    if f.trl_max is not None:
        stmt = stmt.where(Organisation.trl <= f.trl_max)
    if f.stage:
        stmt = stmt.where(or_(Organisation.funding_stage == f.stage, Organisation.tags.any(
            (OrganisationTag.facet == "investor_stage") & (OrganisationTag.code == f.stage))))
    if f.amount is not None:  # a start-up's round, else an investor's range of tickets
        stmt = stmt.where(or_(Organisation.funding_amount_sought <= f.amount, and_(
            func.coalesce(Organisation.ticket_min, 0) <= f.amount, Organisation.ticket_max >= f.amount)))
    found = set(db.session.execute(stmt).scalars())
    conn = db.session.connection()
    if f.q:  # a piece of a name or word as typed, or any word of the directory's bilingual search (its Italian or
        # English form, its glossary concept: "neurologia" finds "neurology", "biobanca" "biobank")
        like = f"%{f.q.replace('%', '').replace('_', ' ')}%"
        typed = set(db.session.execute(stmt.where(or_(*(column.ilike(like) for column in (
            Organisation.name, Organisation.offer, Organisation.seek, Organisation.description,
            Organisation.keywords))))).scalars())
        found &= typed | search_index.matching(conn, parse_query(f.q), found)
    return found
