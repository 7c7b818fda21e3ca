"""Telling people the organisers added to an event (by hand or from a file): a notification and a mail for those with
an account, an invitation to register (a signed link, naming the event) for those without one. Mail goes through the
task queue; each person is told once, when their participation is created (a re-import refuses them as duplicates),
or, added while the event was a draft, when it opens (`welcome_held`)."""
from __future__ import annotations

from collections.abc import Iterable

from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import select

from matchmaker.extensions import db
from matchmaker.i18n import invitee_language
from matchmaker.models import Invitation
from matchmaker.models.event import DRAFT, Event, EventParticipant
from matchmaker.models.user import MEMBER, User
from matchmaker.services import invitations, mail, notifications
from matchmaker.services.accounts import find_user, serializer


def event_link(event: Event) -> str:
    """The event page's path (what notifications link to)."""
    return f"/events/{event.id}/"


def welcome(event: Event, added: Iterable[EventParticipant], inviter_id: int | None = None) -> int:
    """Tell each newly added participant that they take part in `event`; returns how many were told. Held back while
    the event is a draft (nobody hears of an event not yet announced, and its pages are the organisers' only): they
    are marked `held_back`, and `welcome_held` tells them when it opens."""
    added = list(added)
    if event.status == DRAFT:
        for participant in added:
            participant.held_back = True
        db.session.commit()
        return 0
    told = 0
    accounts = [participant.user for participant in added if participant.user is not None]
    if accounts:  # one commit for all of them
        notifications.notify_many(accounts, "event_added", {"event": event.name}, event_link(event))
        told += len(accounts)
    for participant in added:
        if participant.user is None and participant.email:
            told += _invite(event, participant, inviter_id)
        participant.held_back = False
    db.session.commit()
    return told


def welcome_held(event: Event, inviter_id: int | None = None) -> int:
    """Tell the participants added while `event` was a draft, now that it is not (or none while it still is)."""
    held = db.session.execute(select(EventParticipant).where(
        EventParticipant.event_id == event.id, EventParticipant.held_back.is_(True),
        EventParticipant.cancelled.is_(False)).order_by(EventParticipant.id)).scalars().all()
    return welcome(event, held, inviter_id) if held and event.status != DRAFT else 0


def _invite(event: Event, participant: EventParticipant, inviter_id: int | None) -> int:
    """An invitation to register, mailed in the language of the organisation's country, else the organiser's
    (i18n.invitee_language): as a member of the participant's
    organisation when it has no members, else without one, asking its members to confirm them."""
    account = find_user(participant.email)
    if account is not None:  # an account under another spelling of the address (the row stays unclaimed)
        notifications.notify(account, "event_added", {"event": event.name}, event_link(event))
        return 1
    invitation = Invitation(email=participant.email, role=MEMBER, organisation_id=participant.organisation_id,
                            invited_by_id=inviter_id, from_event=True)
    db.session.add(invitation)
    db.session.commit()
    token = serializer("invitation").dumps({"iid": invitation.id})
    register = notifications.absolute_url(f"/auth/invitation/{token}")
    page = notifications.absolute_url(event_link(event))
    organisation = participant.organisation
    with force_locale(invitee_language(organisation.country if organisation else None)):
        lines = [_("Dear %(name)s,", name=participant.name), "",
                 _("The organisers of %(event)s have added you to its participants. Once you have an account, other "
                   "participants can ask you for meetings and you will find your agenda on Matchmaker.",
                   event=event.name)]
        if register:
            lines += ["", _("To create your account, open this link and choose a password:"), register]
            if invitations.asks_to_join(invitation):
                lines += ["", _("Your colleagues at %(organisation)s already use Matchmaker: one of them will confirm "
                                "that you belong to your organisation’s profile.", organisation=organisation.name)]
        if page:
            lines += ["", _("Once you are logged in, you will find the event here:"), page]
        mail.send_mail(participant.email, _("You take part in %(event)s", event=event.name), "\n".join(lines))
    return 1


def invited_name(invitation: Invitation) -> str:
    """The name the organisers typed for the person an event invitation was mailed to ("" when unknown)."""
    if not invitation.from_event:
        return ""
    name = db.session.execute(select(EventParticipant.name).where(
        EventParticipant.email == invitation.email, EventParticipant.user_id.is_(None))
        .order_by(EventParticipant.id.desc())).scalars().first()
    return name or ""


def claim(event: Event, user: User) -> EventParticipant | None:
    """The participation the organisers added under the user's confirmed e-mail, made theirs (their organisation,
    else the row's); committed. None when there is none (or it was cancelled)."""
    email = (user.email or "").strip().lower()
    if not email or not user.email_confirmed:
        return None
    row = db.session.execute(select(EventParticipant).where(
        EventParticipant.event_id == event.id, EventParticipant.email == email, EventParticipant.user_id.is_(None),
        EventParticipant.cancelled.is_(False))).scalar()
    if row is None:
        return None
    row.user_id, row.organisation_id = user.id, user.organisation_id or row.organisation_id
    db.session.commit()
    return row


def invited_event(user: User) -> Event | None:
    """Where a person who has just accepted an organiser's invitation lands: the event whose organisers added their
    address (the latest, when several did), that participation made theirs (`claim`); None when there is none."""
    email = (user.email or "").strip().lower()
    event_id = db.session.execute(select(EventParticipant.event_id).where(
        EventParticipant.email == email, EventParticipant.user_id.is_(None), EventParticipant.cancelled.is_(False))
        .order_by(EventParticipant.created_at.desc(), EventParticipant.id.desc()).limit(1)).scalar()
    event = db.session.get(Event, event_id) if event_id is not None else None
    if event is None or claim(event, user) is None:
        return None
    return event
