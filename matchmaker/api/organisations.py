"""GET /api/v1/organisations/<id>, POST /api/v1/organisations/<id>/interest, GET /api/v1/connections."""
from __future__ import annotations

from typing import Literal

from flask import g
from pydantic import BaseModel
from spectree import Response

from matchmaker.api import ApiError, ErrorOut, api_auth, bp, spec
from matchmaker.extensions import db
from matchmaker.models import Organisation, User
from matchmaker.services import review


class ContactOut(BaseModel):
    name: str
    email: str
    phone: str


class OrgOut(BaseModel):
    """An organisation; `contact` is null unless the caller may see it (member, connected, organiser or admin, or
    the organisation made it public)."""

    id: int
    external_id: str | None
    name: str
    kind: str
    city: str
    country: str
    sectors: list[str]
    therapeutic_areas: list[str]
    contact: ContactOut | None


class InterestIn(BaseModel):
    action: Literal["interested", "withdraw"]


class InterestOut(BaseModel):
    connected: bool


class ConnectionsOut(BaseModel):
    items: list[OrgOut]


def org_out(organisation: Organisation, user: User) -> OrgOut:
    """The ORG shape, with contact details only where review.may_see_contact allows them."""
    contact = ContactOut(name=organisation.contact_name, email=organisation.contact_email,
                         phone=organisation.contact_phone) if review.may_see_contact(user, organisation) else None
    return OrgOut(id=organisation.id, external_id=organisation.external_id, name=organisation.name,
                  kind=organisation.kind, city=organisation.city, country=organisation.country,
                  sectors=organisation.sectors, therapeutic_areas=organisation.therapeutic_areas, contact=contact)


def organisation_or_404(org_id: int) -> Organisation:
    organisation = db.session.get(Organisation, org_id)
    if organisation is None:
        raise ApiError(404, "no such organisation")
    return organisation


def callers_organisation() -> Organisation:
    """The caller's organisation (403 for an account without one)."""
    if g.api_user.organisation_id is None:
        raise ApiError(403, "your account does not belong to an organisation")
    return db.session.get(Organisation, g.api_user.organisation_id)


@bp.get("/organisations/<int:org_id>")
@api_auth
@spec.validate(resp=Response(HTTP_200=OrgOut, HTTP_401=ErrorOut, HTTP_404=ErrorOut), tags=["organisations"])
def organisation(org_id: int):
    """One organisation's profile summary (contact details by the contact rule)."""
    return org_out(organisation_or_404(org_id), g.api_user)


@bp.post("/organisations/<int:org_id>/interest")
@api_auth
@spec.validate(resp=Response(HTTP_200=InterestOut, HTTP_401=ErrorOut, HTTP_403=ErrorOut, HTTP_404=ErrorOut,
                             HTTP_409=ErrorOut, HTTP_422=ErrorOut), tags=["organisations"])
def interest(org_id: int, json: InterestIn):
    """Say the caller's organisation is interested in another (or withdraw); both interested = connected."""
    target = organisation_or_404(org_id)
    mine = callers_organisation()
    if mine.id == target.id:
        raise ApiError(409, "an organisation cannot be interested in itself")
    return InterestOut(connected=review.express_interest(mine, target, json.action, g.api_user))


@bp.get("/connections")
@api_auth
@spec.validate(resp=Response(HTTP_200=ConnectionsOut, HTTP_401=ErrorOut, HTTP_403=ErrorOut), tags=["organisations"])
def connections():
    """The organisations the caller's organisation is connected with, newest first."""
    mine = callers_organisation()
    return ConnectionsOut(items=[org_out(other, g.api_user) for _, other in review.connections_of(mine.id)])
