"""Feed the matching engine from the database: organisations become plain ProfileDocs."""
from __future__ import annotations

from collections import defaultdict

from sqlalchemy import func

from matchmaker.extensions import db
from matchmaker.matching.documents import COMPANY, INVESTOR, OTHER, RESEARCH, ProfileDoc
from matchmaker.matching.rank import TARGET_SIDE, Matcher, seeks_investment
from matchmaker.models import Organisation, OrganisationTag, Participation, Project
from matchmaker.taxonomy import COMPANY_KINDS, KINDS, RESEARCH_KINDS


def side_of(kind: str) -> str:
    """Which side of a match an organisation kind sits on."""
    if kind in COMPANY_KINDS:
        return COMPANY
    if kind in RESEARCH_KINDS:
        return RESEARCH
    return INVESTOR if kind == "investor" else OTHER


def match_kinds(organisation: Organisation) -> list[str]:
    """The match kinds whose suggestions an organisation can have: tech transfer for companies and research, the
    investor kind for investors, start-ups (their tab says what to add to get investors) and SMEs that seek
    investment (the engine's rule; a large company, or an SME that says nothing of investment, never gets investor
    suggestions)."""
    side = side_of(organisation.kind)
    kinds = [kind for kind in ("tech-transfer", "investor") if (kind, side) in TARGET_SIDE]
    if side == COMPANY and organisation.kind != "startup" and not (
            organisation.kind == "sme" and _sme_seeks_investment(organisation)):
        kinds.remove("investor")
    return kinds


def partner_kinds(kind: str, organisation_kind: str) -> frozenset[str]:
    """The organisation kinds that the `kind` list of an organisation of `organisation_kind` can suggest (a company's
    tech-transfer list: universities, IRCCS and hospitals, research centres; never other companies): what its
    "Kind of partner" filter offers."""
    target = TARGET_SIDE.get((kind, side_of(organisation_kind)))
    return frozenset(k for k in KINDS.codes() if side_of(k) == target) if target else frozenset()


def investor_gaps(organisation: Organisation) -> list[str]:
    """What a start-up's or SME's profile leaves empty among the fields investor matching uses: its funding stage
    and the amount it is raising (a company that states neither, nor "Investment" among its collaborations, is not
    looking for investors: seeks_investment) and its sectors (an investor naming sectors sees only companies in
    them). Field names of the profile form, in the form's order."""
    gaps = [] if organisation.funding_stage else ["funding_stage"]
    if organisation.funding_amount_sought is None:
        gaps.append("funding_amount_sought")
    if not organisation.sectors:
        gaps.append("sectors")
    return gaps


def _sme_seeks_investment(organisation: Organisation) -> bool:
    """The engine's seeks_investment() of an SME's profile, kept per profile version while the data stays (its
    collaboration types are tags: a query a page need not run each time)."""
    from matchmaker import page_cache

    def seeks() -> bool:
        return seeks_investment(ProfileDoc(
            str(organisation.id), COMPANY, kind=organisation.kind, seek=organisation.seek or "",
            collaboration=frozenset(organisation.collaboration_types), startup_stage=organisation.funding_stage,
            amount_sought=organisation.funding_amount_sought))

    return page_cache.cached("sme-seeks-investment", (organisation.id, organisation.version), seeks)


def doc_id(organisation_id: int, external_id: str | None) -> str:
    """The engine's id of an organisation: its external id (the CORDIS PIC) when it has one."""
    return external_id or f"org:{organisation_id}"


def profile_docs(organisation_ids: list[int] | None = None) -> list[ProfileDoc]:
    """Organisations (all, or those listed) as ProfileDocs, with tags, track record and past partners."""
    only = (lambda column: column.in_(organisation_ids)) if organisation_ids is not None else None

    def where(stmt, column):
        return stmt.where(only(column)) if only else stmt

    tags: dict[int, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for org_id, facet, code in db.session.execute(where(
            db.select(OrganisationTag.organisation_id, OrganisationTag.facet, OrganisationTag.code),
            OrganisationTag.organisation_id)):
        tags[org_id][facet].add(code)
    activity = dict(db.session.execute(where(
        db.select(Participation.organisation_id, func.count()), Participation.organisation_id)
        .group_by(Participation.organisation_id)).all())
    funded: dict[int, set[str]] = defaultdict(set)
    for org_id, cordis_id in db.session.execute(where(
            db.select(Participation.organisation_id, Project.cordis_id).join(Project), Participation.organisation_id)):
        funded[org_id].add(cordis_id)
    projects = where(db.select(Participation.project_id), Participation.organisation_id)
    members: dict[int, set[int]] = defaultdict(set)
    for project_id, org_id in db.session.execute(db.select(Participation.project_id, Participation.organisation_id)
                                                 .where(Participation.project_id.in_(projects))):
        members[project_id].add(org_id)
    ids = dict(db.session.execute(db.select(Organisation.id, Organisation.external_id).where(
        Organisation.id.in_({o for group in members.values() for o in group}))).all()) if members else {}
    partners: dict[int, set[str]] = defaultdict(set)
    for group in members.values():
        for a in group:
            partners[a].update(doc_id(b, ids[b]) for b in group if b != a)
    docs = []
    for o in db.session.execute(where(db.select(Organisation), Organisation.id).order_by(Organisation.id)).scalars():
        t = tags[o.id]
        docs.append(ProfileDoc(
            id=doc_id(o.id, o.external_id), side=side_of(o.kind), kind=o.kind, offer=o.offer, seek=o.seek,
            keywords=o.keywords,
            description=o.description if o.source != "cordis" else "", language=o.language,
            sectors=frozenset(t["sector"]), areas=frozenset(t["therapeutic_area"]),
            derived_sectors=frozenset(t["suggested_sector"]),
            collaboration=frozenset(t["collaboration_type"]),
            trl=o.shown_trl,
            activity=activity.get(o.id, 0),
            partners=frozenset(partners[o.id]), startup_stage=o.funding_stage, amount_sought=o.funding_amount_sought,
            investor_stages=frozenset(t["investor_stage"]), investor_sectors=frozenset(t["investor_sector"]),
            ticket_min=o.ticket_min, ticket_max=o.ticket_max, projects=frozenset(funded[o.id]),
            region=o.region, country=o.country, proximity=getattr(o, "proximity", None) or "anywhere"))
    return docs


def project_texts() -> dict[str, str]:
    """Every funded project's title and abstract, by CORDIS id: what the track record on similar work counts."""
    return {cordis_id: f"{title}. {objective}" for cordis_id, title, objective in db.session.execute(
        db.select(Project.cordis_id, Project.title, Project.objective))}


def fitted_engine() -> Matcher:
    """A matching engine fitted on every profile and funded project in the database."""
    return Matcher().fit(profile_docs(), project_texts())
