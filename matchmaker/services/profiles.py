"""Capability profiles: create, update (with permission checks) and search the directory."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import Select, func, or_

from matchmaker.extensions import db
from matchmaker.models import Organisation, OrganisationTag, User
from matchmaker.services.tagging import confirm_tags, suggest_tags

SCALAR_FIELDS = (
    "name", "kind", "sme", "city", "region", "country", "website", "description", "offer", "seek", "keywords",
    "trl", "funding_stage", "funding_amount_sought", "ticket_min", "ticket_max", "contact_name",
    "contact_email", "contact_phone", "contact_public", "language", "proximity",
)
LIST_FIELDS = ("sectors", "therapeutic_areas", "collaboration_types", "investor_stages", "investor_sectors")
PROFILE_FIELDS = SCALAR_FIELDS + LIST_FIELDS


class ProfilePermissionError(PermissionError):
    """The user may not change this organisation's profile."""


def apply_profile(organisation: Organisation, data: Mapping[str, Any]) -> None:
    """Copy the known profile fields present in `data` onto `organisation`."""
    for field in PROFILE_FIELDS:
        if field in data:
            setattr(organisation, field, data[field])
    suggest_tags(organisation)


def update_profile(organisation: Organisation, data: Mapping[str, Any], user: User) -> Organisation:
    """Save a member's (or an admin's) edit of a profile."""
    if not user.can_edit(organisation):
        raise ProfilePermissionError(f"{user.email} may not edit {organisation.name}")
    if "sectors" in data or "therapeutic_areas" in data:
        confirm_tags(organisation)  # the form showed the suggested tags: saving confirms or changes them
    apply_profile(organisation, data)
    if organisation.source == "cordis":
        # Once a member has written the profile, a CORDIS re-import must not overwrite their text.
        organisation.source = "manual"
    db.session.commit()
    from matchmaker.services.suggestions import refresh_organisation  # services import each other lazily

    refresh_organisation(organisation)
    return organisation


@dataclass(frozen=True)
class DirectoryFilters:
    """What the directory can be narrowed by; empty strings mean 'any'."""

    q: str = ""
    kind: str = ""
    sector: str = ""
    area: str = ""
    region: str = ""
    country: str = ""

    @classmethod
    def from_args(cls, args: Mapping[str, str]) -> DirectoryFilters:
        """Build from request arguments, ignoring unknown keys and surrounding blanks."""
        return cls(**{k: (args.get(k) or "").strip() for k in cls.__dataclass_fields__})


def directory_query(filters: DirectoryFilters) -> Select:
    """The SELECT for the directory page, ordered by name."""
    stmt = db.select(Organisation)
    if filters.q:
        like = f"%{filters.q}%"
        stmt = stmt.where(or_(Organisation.name.ilike(like), Organisation.keywords.ilike(like),
                              Organisation.description.ilike(like), Organisation.offer.ilike(like),
                              Organisation.seek.ilike(like), Organisation.city.ilike(like)))
    if filters.kind:
        stmt = stmt.where(Organisation.kind == filters.kind)
    if filters.region:
        stmt = stmt.where(func.lower(Organisation.region) == filters.region.lower())
    if filters.country:
        stmt = stmt.where(Organisation.country == filters.country.upper())
    for facet, code in (("sector", filters.sector), ("therapeutic_area", filters.area)):
        if code:
            stmt = stmt.where(Organisation.tags.any((OrganisationTag.facet == facet) & (OrganisationTag.code == code)))
    return stmt.order_by(func.lower(Organisation.name), Organisation.id)


def search_directory(filters: DirectoryFilters, page: int, per_page: int) -> Pagination:
    """One page of the directory."""
    return db.paginate(directory_query(filters), page=page, per_page=per_page, error_out=False)


def facet_values(column: Any) -> list[str]:
    """Distinct non-empty values of a column (regions, countries) for filter drop-downs."""
    rows = db.session.execute(db.select(column).where(column != "").distinct().order_by(column)).scalars()
    return list(rows)
