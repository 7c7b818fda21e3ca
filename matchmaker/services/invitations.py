"""Invitations: an admin invites a person (with a role, into an organisation or none); the link creates the account."""
from __future__ import annotations

from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _
from itsdangerous import BadSignature, SignatureExpired
from sqlalchemy.exc import IntegrityError

from matchmaker.extensions import db
from matchmaker.i18n import ROLE_LABELS, invitee_language, visitor_language
from matchmaker.models import ROLES, Invitation, Organisation, User
from matchmaker.models._common import utcnow
from matchmaker.services import audit, membership
from matchmaker.services.accounts import AccountError, find_user, hash_password, serializer
from matchmaker.services.mail import send_mail


def invite_user(inviter: User, email: str, organisation: Organisation | None, role: str,
                link_for: callable) -> Invitation:
    """Record an invitation and mail (or log) its acceptance link."""
    if role not in ROLES:
        raise AccountError(_("Unknown role %(role)s.", role=role))
    if find_user(email):
        raise AccountError(_("This person already has an account."))
    invitation = Invitation(email=email.strip().lower(), role=role, organisation=organisation,
                            invited_by_id=inviter.id)
    db.session.add(invitation)
    audit.record(inviter, "invitation", invitation.email, role=role,
                 organisation=organisation.name if organisation else None)
    db.session.commit()
    token = serializer("invitation").dumps({"iid": invitation.id})
    link = link_for(token)
    # The invitee has no account yet, so no language of their own: their organisation's country's, else the
    # inviter's (i18n.invitee_language).
    with force_locale(invitee_language(organisation.country if organisation else None)):
        role_label = str(ROLE_LABELS[role])
        if organisation:
            body = _("%(inviter)s invited you to join %(organisation)s on Matchmaker as %(role)s.\n"
                     "Open this link to choose your password:\n%(link)s\n", inviter=inviter.name,
                     organisation=organisation.name, role=role_label, link=link)
        else:
            body = _("%(inviter)s invited you to Matchmaker as %(role)s.\n"
                     "Open this link to choose your password:\n%(link)s\n", inviter=inviter.name, role=role_label,
                     link=link)
        send_mail(invitation.email, _("You are invited to Matchmaker"), body)
    return invitation


def load_invitation(token: str) -> Invitation:
    """The pending invitation behind a token, or AccountError."""
    try:
        data = serializer("invitation").loads(token, max_age=current_app.config["INVITATION_MAX_AGE"])
    except (BadSignature, SignatureExpired):
        raise AccountError(_("This invitation link is not valid or has expired.")) from None
    invitation = db.session.get(Invitation, data.get("iid"))
    if invitation is None or invitation.accepted_at is not None:
        raise AccountError(_("This invitation has already been used."))
    return invitation


def asks_to_join(invitation: Invitation) -> bool:
    """An event organiser's invitation into an organisation that has members: accepting it does not make the
    invitee a member but asks its members (organisers never add people to an organisation with members)."""
    return bool(invitation.from_event and invitation.organisation_id
                and membership.has_members(invitation.organisation_id))


def accept_invitation(token: str, name: str, password: str) -> User:
    """Create the invited user's account with the role and organisation of the invitation (for an event
    invitation into an organisation with members: no organisation, and a pending request to join it)."""
    invitation = load_invitation(token)
    if find_user(invitation.email):
        raise AccountError(_("This person already has an account."))
    ask = asks_to_join(invitation)
    user = User(email=invitation.email, name=name.strip(), role=invitation.role,
                organisation_id=None if ask else invitation.organisation_id,
                locale=visitor_language())  # the language they accept it in
    hash_password(user, password)
    invitation.accepted_at = utcnow()
    db.session.add(user)
    try:
        db.session.commit()
    except IntegrityError:  # the same invitation accepted at the same moment by another request
        db.session.rollback()
        raise AccountError(_("This invitation has already been used.")) from None
    if ask:
        membership.ask(user, invitation.organisation)
    return user
