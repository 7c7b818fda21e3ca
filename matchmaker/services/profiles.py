"""Capability profiles: create, update (with permission checks) and search the directory."""
from __future__ import annotations

from array import array
from collections.abc import Mapping
import dataclasses
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from sqlalchemy import Select, bindparam, func, literal, union_all
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from matchmaker import page_cache
from matchmaker.extensions import db
from matchmaker.models import Organisation, OrganisationTag, User
from matchmaker.models.organisation import LIFE_SCIENCES_LAST
from matchmaker.models._common import utcnow
from matchmaker.search import index as search_index
from matchmaker.search.analysis import Query, parse_query
from matchmaker.services.tagging import confirm_tags, suggest_tags, tags_changed

SCALAR_FIELDS = (
    "name", "kind", "sme", "city", "region", "country", "website", "description", "offer", "seek", "keywords",
    "trl", "funding_stage", "funding_amount_sought", "ticket_min", "ticket_max", "contact_name",
    "contact_email", "contact_phone", "contact_public", "language", "proximity",
)
LIST_FIELDS = ("sectors", "therapeutic_areas", "collaboration_types", "investor_stages", "investor_sectors")
PROFILE_FIELDS = SCALAR_FIELDS + LIST_FIELDS


class ProfilePermissionError(PermissionError):
    """The user may not change this organisation's profile."""


class ProfileConflict(Exception):
    """Someone else saved the profile after the editor loaded it; nothing was saved (the session is rolled
    back, so the organisation now shows their version)."""


def apply_profile(organisation: Organisation, data: Mapping[str, Any]) -> None:
    """Copy the known profile fields present in `data` onto `organisation`."""
    for field in PROFILE_FIELDS:
        if field in data:
            setattr(organisation, field, data[field])
    suggest_tags(organisation)


def update_profile(organisation: Organisation, data: Mapping[str, Any], user: User,
                   expected_version: int | None = None) -> Organisation:
    """Save a member's (or an admin's) edit of a profile; ProfileConflict if it changed since `expected_version`
    (the version the form was loaded with) or changes under this save."""
    if not user.can_edit(organisation):
        raise ProfilePermissionError(f"{user.email} may not edit {organisation.name}")
    if expected_version is not None and expected_version != organisation.version:
        raise ProfileConflict()
    if user.organisation_id != organisation.id:  # an admin changing another organisation's profile
        from matchmaker.services import audit
        audit.record(user, "profile", organisation.name,
                     fields=[f for f in PROFILE_FIELDS if f in data and getattr(organisation, f) != data[f]])
    if tags_changed(organisation, data):
        confirm_tags(organisation)  # the member chose the tags: the suggestions are no longer needed
    apply_profile(organisation, data)
    if organisation.source == "cordis":
        # Once a member has written the profile, a CORDIS re-import must not overwrite their text.
        organisation.source = "manual"
    organisation.updated_at = utcnow()  # always an UPDATE of the row, so its version moves even if only tags changed
    try:
        db.session.commit()
    except (StaleDataError, IntegrityError):  # another save won the race (its version, or its tag rows)
        db.session.rollback()
        raise ProfileConflict() from None
    from matchmaker.services import engine  # services import each other lazily

    engine.refresh([organisation])
    return organisation


def name_taken(organisation: Organisation, name: str) -> Organisation | None:
    """Another organisation of the directory whose name means the same as `name` (org_names), when `name` is a new
    name for `organisation`: a profile renamed to another's name made two "NeuroSense Diagnostics" in the directory
    (2026-12-01 walk). A name that means what it meant before is never refused (CORDIS has some twins)."""
    from matchmaker.services import org_names  # it imports the models this module's callers set up

    if org_names.same_name(org_names.name_key(name), org_names.name_key(organisation.name or "")):
        return None
    return next((other for other in org_names.similar(name) if other.id != organisation.id), None)


@dataclass(frozen=True)
class DirectoryFilters:
    """What the directory can be narrowed by; empty strings mean 'any'."""

    q: str = ""
    kind: str = ""
    sector: str = ""
    area: str = ""
    region: str = ""
    country: str = ""
    order: str = ""  # "": life-science profiles first (the default); "all": every profile alike (by name or relevance)

    @property
    def life_first(self) -> bool:
        """Whether life-science profiles come before those marked outside life sciences."""
        return self.order != "all"

    @classmethod
    def from_args(cls, args: Mapping[str, str]) -> DirectoryFilters:
        """Build from request arguments, ignoring unknown keys and surrounding blanks."""
        return cls(**{k: (args.get(k) or "").strip() for k in cls.__dataclass_fields__})


def directory_query(filters: DirectoryFilters) -> Select:
    """The SELECT for the directory page without search words (or with only stop words), ordered by name, the
    profiles marked outside life sciences after the others unless the filters ask for every profile alike; a
    therapeutic area tagged or said in the profile's texts (the search index's filter term)."""
    return _directory_query(filters, db.engine.dialect.name)


@lru_cache(maxsize=256)  # statements are immutable; building one costs more than running it
def _directory_query(filters: DirectoryFilters, dialect: str) -> Select:
    stmt = db.select(Organisation)
    if filters.q:  # only stop words or punctuation: nothing for the full-text index, so look at names
        stmt = stmt.where(Organisation.name.ilike(f"%{escape_like(filters.q)}%", escape="\\"))
    if filters.kind:
        stmt = stmt.where(Organisation.kind == filters.kind)
    if filters.region:
        stmt = stmt.where(func.lower(Organisation.region) == filters.region.lower())
    if filters.country:
        stmt = stmt.where(Organisation.country == filters.country.upper())
    if filters.sector:
        stmt = stmt.where(Organisation.tags.any((OrganisationTag.facet == "sector")
                                                & (OrganisationTag.code == filters.sector)))
    if filters.area:
        stmt = stmt.where(Organisation.id.in_(
            search_index.having(dialect, search_index.filter_term("therapeutic_area", filters.area))))
    first = (LIFE_SCIENCES_LAST,) if filters.life_first else ()  # ix_organisation_directory_order
    return stmt.order_by(*first, func.lower(Organisation.name), Organisation.id)


@dataclass(frozen=True)
class SearchPage:
    """One page of the directory, with the attributes the template reads (those of a Flask-SQLAlchemy Pagination)."""

    items: list[Card]
    page: int
    per_page: int
    total: int
    min_pages: int = 1  # 0 for the directory without search words: no page at all when nothing matches

    @property
    def pages(self) -> int:
        return max(self.min_pages, -(-self.total // self.per_page))

    @property
    def has_prev(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages

    @property
    def prev_num(self) -> int:
        return self.page - 1

    @property
    def next_num(self) -> int:
        return self.page + 1


def _search_page(filters: DirectoryFilters, query: Query, page: int, per_page: int) -> SearchPage:
    """Rank in the full-text index alone (the filters are index terms too), then load one page of profiles."""
    conn = db.session.connection()
    query = search_index.with_filters(query, kind=filters.kind, sector=filters.sector, area=filters.area,
                                      region=filters.region, country=filters.country)
    any_word = False
    total = search_index.count(conn, query)
    if total == 0 and len(query.groups) > 1:  # no profile has every word: rank those with any of them
        any_word, total = True, search_index.count(conn, query, any_group=True)
    ids = search_index.top(conn, query, per_page, (page - 1) * per_page, any_group=any_word,
                           life_first=filters.life_first) if total else []
    return SearchPage(_load(ids), page, per_page, total)


MAX_QUERY = 200  # characters of a directory search
MAX_PAGE = 100_000  # a page number beyond this is taken as this (then the view goes to the last page)


def escape_like(text: str) -> str:
    """`text` with LIKE's wildcards escaped (use with escape="\\"): '%' and '_' match only themselves."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def search_directory(filters: DirectoryFilters, page: int, per_page: int) -> SearchPage:
    """One page of the directory; a search with several words that no profile has all of ranks any of them."""
    query = parse_query(filters.q) if filters.q else None
    page = min(max(page, 1), MAX_PAGE)
    if query:
        return _search_page(filters, query, page, per_page)
    ids = page_cache.cached("directory-order", (filters,), lambda: _ordered_ids(filters))
    start = (page - 1) * per_page
    return SearchPage(_load(ids[start:start + per_page]), page, per_page, len(ids), min_pages=0)


def _ordered_ids(filters: DirectoryFilters) -> array:
    """Every matching profile's id in the directory's order (kept per data stamp: a page is then a slice, where
    OFFSET made PostgreSQL walk half the index on an average page, and the count is its length)."""
    stmt = directory_query(filters).with_only_columns(Organisation.id)
    return array("l", db.session.execute(stmt).scalars())


@dataclass
class Card:
    """What a directory card shows of an organisation (read as plain rows: building 20 ORM organisations and their
    hundred tag objects cost more than rendering the cards)."""

    id: int
    name: str
    kind: str
    city: str | None
    region: str | None
    country: str | None
    life_sciences: bool | None
    description: str | None
    offer: str | None
    source: str | None
    sectors: list[str] = dataclasses.field(default_factory=list)
    therapeutic_areas: list[str] = dataclasses.field(default_factory=list)


def _load(ids) -> list[Card]:
    """The cards of `ids`, in that order."""
    if not len(ids):
        return []
    ids = list(ids)
    cards = {row.id: Card(*row) for row in db.session.execute(_CARDS, {"ids": ids})}
    for organisation_id, facet, code in db.session.execute(_CARD_TAGS, {"ids": ids}):
        getattr(cards[organisation_id], _CARD_FACETS[facet]).append(code)
    return [cards[i] for i in ids if i in cards]


_CARD_FACETS = {"sector": "sectors", "therapeutic_area": "therapeutic_areas"}
_CARDS = db.select(*(getattr(Organisation, f.name) for f in dataclasses.fields(Card)
                     if f.name not in _CARD_FACETS.values())) \
    .where(Organisation.id.in_(bindparam("ids", expanding=True)))
_CARD_TAGS = db.select(OrganisationTag.organisation_id, OrganisationTag.facet, OrganisationTag.code).where(
    OrganisationTag.organisation_id.in_(bindparam("ids", expanding=True)),
    OrganisationTag.facet.in_(list(_CARD_FACETS))).order_by(OrganisationTag.id)  # the order Organisation.tags has


def facet_values(*columns: Any) -> list[list[str]]:
    """Distinct non-empty values of each indexed column (regions, countries) for filter drop-downs, in order.

    A loose index scan per column (a recursive query that asks the index for the next value after the last one):
    a few look-ups per value instead of reading the column of every profile on each directory and suggestions
    page; the columns' scans go to the database as one statement, built once."""
    return page_cache.cached("facets", tuple(str(c) for c in columns), lambda: _facets(columns))


def _facets(columns: tuple) -> list[list[str]]:
    found: list[list[str]] = [[] for _ in columns]
    for n, value in db.session.execute(_facet_statement(columns)):
        found[n].append(value)
    return found


@lru_cache(maxsize=8)
def _facet_statement(columns: tuple) -> Select:
    parts = []
    for n, column in enumerate(columns):
        start = db.select(func.min(column).label("value")).where(column > "").cte(f"facet{n}", recursive=True)
        following = db.select(func.min(column)).where(column > start.c.value).scalar_subquery()
        values = start.union_all(db.select(following).where(start.c.value.is_not(None)))
        parts.append(db.select(literal(n).label("n"), values.c.value).where(values.c.value.is_not(None)))
    both = union_all(*parts).subquery()
    return db.select(both.c.n, both.c.value).order_by(both.c.n, both.c.value)
