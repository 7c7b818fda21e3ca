"""Organisations and their capability profile (one profile per organisation)."""
from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import BigInteger, ForeignKey, Index, String, Text, UniqueConstraint, case, func
from sqlalchemy import false as sa_false
from sqlalchemy.orm import Mapped, mapped_column, relationship
from sqlalchemy.sql.elements import Grouping  # PostgreSQL wants an index's CASE in parentheses

from matchmaker.extensions import db
from matchmaker.models._common import UTCDateTime, utcnow
from matchmaker.taxonomy import TRL_KINDS

if TYPE_CHECKING:
    from matchmaker.models.cordis import Participation
    from matchmaker.models.user import User

# Multi-valued profile fields, stored as rows of OrganisationTag so they can be filtered in SQL.
FACETS = ("sector", "therapeutic_area", "collaboration_type", "investor_stage", "investor_sector")
# Tags the bilingual glossary derived from the profile's text, until a member confirms or changes them.
SUGGESTED_FACETS = {"sector": "suggested_sector", "therapeutic_area": "suggested_area"}


class OrganisationTag(db.Model):
    """One value of a multi-valued profile field (e.g. facet='sector', code='biotech')."""

    __tablename__ = "organisation_tag"
    __table_args__ = (UniqueConstraint("organisation_id", "facet", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id", ondelete="CASCADE"), index=True)
    facet: Mapped[str] = mapped_column(String(30))
    code: Mapped[str] = mapped_column(String(40), index=True)


def _facet_property(facet: str) -> property:
    """A list-valued property that reads and replaces the tags of one facet."""

    def getter(self: Organisation) -> list[str]:
        return [t.code for t in self.tags if t.facet == facet]

    def setter(self: Organisation, codes: list[str]) -> None:
        wanted = list(dict.fromkeys(codes))  # de-duplicate, keep order
        keep = [t for t in self.tags if t.facet != facet or t.code in wanted]
        have = {t.code for t in keep if t.facet == facet}
        self.tags = keep + [OrganisationTag(facet=facet, code=c) for c in wanted if c not in have]

    return property(getter, setter, doc=f"Codes of the '{facet}' facet.")


class Organisation(db.Model):
    """A cluster member (company, research body, investor, ...) with its capability profile."""

    __tablename__ = "organisation"

    id: Mapped[int] = mapped_column(primary_key=True)
    external_id: Mapped[str | None] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(255), index=True)
    kind: Mapped[str] = mapped_column(String(30), index=True)
    sme: Mapped[bool] = mapped_column(default=False)
    city: Mapped[str] = mapped_column(String(120), default="")
    region: Mapped[str] = mapped_column(String(120), default="", index=True)
    country: Mapped[str] = mapped_column(String(2), default="", index=True)
    website: Mapped[str] = mapped_column(String(255), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    offer: Mapped[str] = mapped_column(Text, default="")
    seek: Mapped[str] = mapped_column(Text, default="")
    keywords: Mapped[str] = mapped_column(Text, default="")
    trl: Mapped[int | None]
    funding_stage: Mapped[str | None] = mapped_column(String(20))
    funding_amount_sought: Mapped[int | None] = mapped_column(BigInteger)
    ticket_min: Mapped[int | None] = mapped_column(BigInteger)
    ticket_max: Mapped[int | None] = mapped_column(BigInteger)
    contact_name: Mapped[str] = mapped_column(String(120), default="")
    contact_email: Mapped[str] = mapped_column(String(254), default="")
    contact_phone: Mapped[str] = mapped_column(String(40), default="")
    contact_public: Mapped[bool] = mapped_column(default=False)
    language: Mapped[str] = mapped_column(String(2), default="en")
    source: Mapped[str] = mapped_column(String(20), default="manual")  # manual | csv | cordis
    source_note: Mapped[str] = mapped_column(String(255), default="")
    cordis_activity_type: Mapped[str | None] = mapped_column(String(3))
    # Which partners come first: anywhere | country | region (EU partners are suggested in every case).
    proximity: Mapped[str] = mapped_column(String(10), default="anywhere", server_default="anywhere")
    # From the glossary: False when the texts are not about life sciences; None when not derived yet.
    life_sciences: Mapped[bool | None]
    # A member has confirmed or changed the suggested sectors and therapeutic areas.
    tags_confirmed: Mapped[bool] = mapped_column(default=False, server_default=sa_false())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)
    # Optimistic locking: every UPDATE checks and bumps it, so a save based on an older read fails (StaleDataError)
    # instead of silently overwriting another member's save. The profile form carries it.
    version: Mapped[int] = mapped_column(default=1, server_default="1")

    tags: Mapped[list[OrganisationTag]] = relationship(cascade="all, delete-orphan", lazy="selectin",
                                                       order_by=OrganisationTag.id)
    members: Mapped[list[User]] = relationship(back_populates="organisation")
    participations: Mapped[list[Participation]] = relationship(back_populates="organisation",
                                                               cascade="all, delete-orphan")

    __mapper_args__ = {"version_id_col": version}

    sectors = _facet_property("sector")
    therapeutic_areas = _facet_property("therapeutic_area")
    collaboration_types = _facet_property("collaboration_type")
    investor_stages = _facet_property("investor_stage")
    investor_sectors = _facet_property("investor_sector")
    suggested_sectors = _facet_property("suggested_sector")
    suggested_therapeutic_areas = _facet_property("suggested_area")

    @property
    def shown_trl(self) -> int | None:
        """The TRL, for the kinds it applies to (taxonomy.TRL_KINDS): one kept from an earlier kind is neither shown
        nor matched on (the profile form hides the field for the other kinds)."""
        return self.trl if self.kind in TRL_KINDS else None

    def __repr__(self) -> str:
        return f"<Organisation {self.id} {self.name!r}>"


# DUP-1 and dup-1 are one organisation, in the database as in the import.
Index("uq_organisation_lower_external_id", func.lower(Organisation.external_id), unique=True)
# The directory's default order (life-science profiles first, then by name): a page is one walk of this index,
# not a sort of every profile (services/profiles.directory_query orders by the same expressions).
LIFE_SCIENCES_LAST = case((Organisation.life_sciences.is_(False), 1), else_=0)
Index("ix_organisation_directory_order", Grouping(LIFE_SCIENCES_LAST), func.lower(Organisation.name), Organisation.id)
