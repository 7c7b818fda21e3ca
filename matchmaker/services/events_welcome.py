"""Telling people the organisers added to an event (by hand or from a file): a notification and a mail for those with
an account, an invitation to register (a signed link, naming the event) for those without one. Mail goes through the
task queue; each person is told once, when their participation is created (a re-import refuses them as duplicates)."""
from __future__ import annotations

from collections.abc import Iterable

from flask_babel import force_locale
from flask_babel import gettext as _

from matchmaker.extensions import db
from matchmaker.i18n import mail_language
from matchmaker.models import Invitation
from matchmaker.models.event import Event, EventParticipant
from matchmaker.models.user import MEMBER
from matchmaker.services import mail, notifications
from matchmaker.services.accounts import find_user, serializer


def event_link(event: Event) -> str:
    """The event page's path (what notifications link to)."""
    return f"/events/{event.id}/"


def welcome(event: Event, added: Iterable[EventParticipant], inviter_id: int | None = None) -> int:
    """Tell each newly added participant that they take part in `event`; returns how many were told."""
    told = 0
    for participant in added:
        if participant.user is not None:
            notifications.notify(participant.user, "event_added", {"event": event.name}, event_link(event))
            told += 1
        elif participant.email:
            told += _invite(event, participant, inviter_id)
    return told


def _invite(event: Event, participant: EventParticipant, inviter_id: int | None) -> int:
    """An invitation to register (as a member of the participant's organisation), mailed in its language."""
    if find_user(participant.email):  # an account under another spelling of the address: it is told by notify
        return 0
    invitation = Invitation(email=participant.email, role=MEMBER, organisation_id=participant.organisation_id,
                            invited_by_id=inviter_id)
    db.session.add(invitation)
    db.session.commit()
    token = serializer("invitation").dumps({"iid": invitation.id})
    register = notifications.absolute_url(f"/auth/invitation/{token}")
    page = notifications.absolute_url(event_link(event))
    organisation = participant.organisation
    with force_locale(mail_language(organisation.language if organisation else None)):
        lines = [_("Hello %(name)s,", name=participant.name), "",
                 _("The organisers of %(event)s added you as a participant: other participants can ask you for "
                   "meetings, and you will find your agenda on Matchmaker.", event=event.name)]
        if register:
            lines += ["", _("Open this link to create your account (choose your password):"), register]
        if page:
            lines += ["", _("Then the event's page, where you confirm that you take part:"), page]
        mail.send_mail(participant.email, _("You take part in %(event)s", event=event.name), "\n".join(lines))
    return 1
