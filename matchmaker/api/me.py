"""GET /api/v1/me: who the token belongs to (the simplest endpoint; a model for the others)."""
from __future__ import annotations

from flask import g
from pydantic import BaseModel
from spectree import Response

from matchmaker.api import ErrorOut, api_auth, bp, spec


class OrganisationRef(BaseModel):
    id: int
    name: str
    kind: str


class MeOut(BaseModel):
    id: int
    email: str
    name: str
    role: str
    organisation: OrganisationRef | None


@bp.get("/me")
@api_auth
@spec.validate(resp=Response(HTTP_200=MeOut, HTTP_401=ErrorOut), tags=["account"])
def me():
    """The account of the token's owner and its organisation."""
    user = g.api_user
    org = user.organisation
    return MeOut(id=user.id, email=user.email, name=user.name, role=user.role,
                 organisation=OrganisationRef(id=org.id, name=org.name, kind=org.kind) if org else None)
