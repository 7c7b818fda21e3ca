"""The manage page's status and time zone follow the service's rules: no status that would hide a published agenda,
"published" only through Publish; the time zone can be corrected (slots keep their clock times) until publication."""
from __future__ import annotations

import re

import pytest

from matchmaker.extensions import db
from matchmaker.models import Event
from matchmaker.services.events import Conflict
from matchmaker.services.events_settings import allowed_statuses, change_time_zone, set_status
from tests.helpers import login, make_user, post_form
from tests.integration.events.builders import schedule_now, small_event

SETTINGS = {"name": "Meet in Italy", "max_meetings": "4", "request_quota": "3"}


def _options(page: str, name: str) -> list[str]:
    select = re.search(rf'<select[^>]*name="{name}"[^>]*>(.*?)</select>', page, re.S).group(1)
    return re.findall(r'value="([^"]+)"', select)


def test_a_published_event_cannot_go_back_and_says_why(app, client):
    organiser = make_user(role="organiser")
    event, _people, _meetings = small_event(organiser=organiser, pairs=((0, 1),))
    schedule_now(event, publish=True)
    login(client, organiser)
    page = client.get(f"/events/{event.id}/manage").get_data(as_text=True)
    assert _options(page, "status") == ["published", "closed"]
    assert "going back would hide the agenda" in page
    refused = post_form(client, f"/events/{event.id}/manage", dict(SETTINGS, status="draft"))
    assert refused.status_code == 200 and db.session.get(Event, event.id).status == "published"
    text = refused.get_data(as_text=True)
    assert "Choose one of the options in the list" in text or "cannot be chosen" in text
    assert post_form(client, f"/events/{event.id}/manage", dict(SETTINGS, status="closed",
                                                                confirm_call_off="y")).status_code == 302
    assert db.session.get(Event, event.id).status == "closed"
    post_form(client, f"/events/{event.id}/manage", dict(SETTINGS, status="published"))  # called off: stays closed
    assert db.session.get(Event, event.id).status == "closed"


def test_the_service_refuses_what_the_form_does_not_offer(app):
    event, _people, _meetings = small_event(pairs=())
    assert "published" not in allowed_statuses(event)
    with pytest.raises(Conflict):
        set_status(event, "published")  # only Publish makes an agenda
    set_status(event, "draft")  # before publication a phase may be reopened
    event.published_version = 1
    with pytest.raises(Conflict):
        set_status(event, "requests")


def test_the_time_zone_is_corrected_keeping_clock_times_until_publication(app, client):
    organiser = make_user(role="organiser")
    event, _people, _meetings = small_event(organiser=organiser, pairs=((0, 1),))
    first = db.session.get(Event, event.id).slots[0].starts_at.replace(tzinfo=None)
    login(client, organiser)
    page = client.get(f"/events/{event.id}/manage").get_data(as_text=True)
    assert "Europe/London" in _options(page, "time_zone")
    saved = post_form(client, f"/events/{event.id}/manage", dict(SETTINGS, status="requests",
                                                                 time_zone="Europe/London"), follow_redirects=True)
    assert "the slots keep their clock times" in saved.get_data(as_text=True)
    event = db.session.get(Event, event.id)
    assert event.time_zone == "Europe/London"
    assert (event.slots[0].starts_at.replace(tzinfo=None) - first).total_seconds() == 3600  # 09:00 London = 10:00 Rome
    assert "09:00" in client.get(f"/events/{event.id}/schedule").get_data(as_text=True)

    schedule_now(event, publish=True)
    page = client.get(f"/events/{event.id}/manage").get_data(as_text=True)
    select = re.search(r'<select[^>]*name="time_zone"[^>]*>', page).group(0)
    assert "disabled" in select
    post_form(client, f"/events/{event.id}/manage", dict(SETTINGS, status="published", time_zone="Europe/Rome"))
    assert db.session.get(Event, event.id).time_zone == "Europe/London"
    with pytest.raises(Conflict):
        change_time_zone(db.session.get(Event, event.id), "Europe/Rome")
