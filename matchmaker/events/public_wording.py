"""The public event page's words for a visitor: the event's status as it concerns them ("Agenda published"), not the
organisers' workflow status ("Published" reads as if the page itself were published)."""
from __future__ import annotations

from flask_babel import lazy_pgettext

from matchmaker.events import wording
from matchmaker.models.event import PUBLISHED, REGISTRATION, REQUESTS, SCHEDULING

VISITOR_STATUSES = {REGISTRATION: lazy_pgettext("event status for visitors", "Registration open"),
                    REQUESTS: lazy_pgettext("event status for visitors", "Meeting requests open"),
                    SCHEDULING: lazy_pgettext("event status for visitors", "Scheduling in progress"),
                    PUBLISHED: lazy_pgettext("event status for visitors", "Agenda published")}
TOOK_PLACE = lazy_pgettext("event status for visitors", "Took place")


def status(event, page) -> str:
    """The event's status for a visitor, from the public page's facts (`events_public.PublicPage`): called off, took
    place (over, or closed once begun), else what its phase means to them."""
    if page.called_off:
        return str(wording.CALLED_OFF)
    if page.took_place:
        return str(TOOK_PLACE)
    label = VISITOR_STATUSES.get(event.status)
    return str(label) if label is not None else wording.status(event.status)
