"""An event whose days span the summer-time switch (Rome, 28 March 2027): each day names its own abbreviation
(CET on Saturday, CEST on Sunday and Monday) and the page's one label names both, not the first day's everywhere."""
from __future__ import annotations

import re
from datetime import date

from matchmaker.extensions import db
from matchmaker.models import Event, EventParticipant, User
from matchmaker.services.events_import import create_event
from tests.helpers import login, make_org, make_user

DAYS = [date(2027, 3, 27), date(2027, 3, 28), date(2027, 3, 29)]


def _event(organiser) -> Event:
    event = create_event("Spring switch", "Europe/Rome", DAYS, [("am", "09:00", "10:00")], 20, [],
                         [("T1", False, "")], organiser_id=organiser.id, status="registration")
    db.session.commit()
    return event


def test_each_day_names_its_own_abbreviation(app, client):
    organiser = make_user(role="organiser")
    event = _event(organiser)
    login(client, organiser)
    manage = client.get(f"/events/{event.id}/manage").get_data(as_text=True)
    slot_list = re.search(r'id="slot-list".*?</details>', manage, re.S).group(0)
    slot_days = re.findall(r"<li><strong>([^<]*)</strong>", slot_list)
    assert [re.search(r"\((\w+)\)$", day).group(1) for day in slot_days] == ["CET", "CEST", "CEST"], slot_days
    assert "Rome time (CET/CEST)" in manage
    member = make_user(organisation_id=make_org().id)
    db.session.add(EventParticipant(event_id=event.id, name="Ada", user_id=member.id,
                                    organisation_id=member.organisation_id))
    db.session.commit()
    login(client, db.session.get(User, member.id))
    availability = client.get(f"/events/{event.id}/availability").get_data(as_text=True)
    legends = re.findall(r'<fieldset class="slot-day" data-slot-group>\s*<legend>([^<]*)</legend>', availability)
    assert [re.search(r"\((\w+)\)$", day).group(1) for day in legends] == ["CET", "CEST", "CEST"], legends


def test_the_schedule_grid_names_each_day_s_abbreviation_in_both_languages(app, client):
    organiser = make_user(role="organiser")
    event = _event(organiser)
    login(client, organiser)
    for locale, zone in (("en", "Rome time (CET/CEST)"), ("it", "ora di Roma (CET/CEST)")):
        db.session.get(User, organiser.id).locale = locale
        db.session.commit()
        page = client.get(f"/events/{event.id}/schedule").get_data(as_text=True)
        grid = page[page.index('class="agenda-grid"'):].split("</thead>")[0]
        days = re.findall(r'<span class="slot-day">([^<]*)</span>', grid)
        assert [re.search(r"\((\w+)\)$", day).group(1) for day in days] == ["CET"] * 3 + ["CEST"] * 6, days
        assert zone in page.split('id="grid-zone">')[1].split("</span>")[0]


def test_a_grid_within_one_abbreviation_keeps_its_headers_short(app, client):
    from tests.integration.events.builders import small_event

    organiser = make_user(role="organiser")
    event, *_ = small_event(organiser=organiser)
    login(client, organiser)
    page = client.get(f"/events/{event.id}/schedule").get_data(as_text=True)
    days = re.findall(r'<span class="slot-day">([^<]*)</span>', page)
    assert days and all("(" not in day for day in days)  # the page's one label says CET
    assert "Rome time (CET)" in page.split('id="grid-zone">')[1].split("</span>")[0]
