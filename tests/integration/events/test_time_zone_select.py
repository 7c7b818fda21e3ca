"""The new-event form offers the IANA time zones as a select (Europe/Rome by default) and refuses any other."""
from __future__ import annotations

import re

from matchmaker.extensions import db
from matchmaker.models import Event
from tests.helpers import login, make_user, post_form

FIELDS = {"name": "BioMed day", "first_day": "2027-03-10", "days": "1", "am_start": "09:00", "am_end": "10:30",
          "slot_minutes": "20", "tables": "2"}


def test_the_time_zone_is_a_select_of_iana_zones_with_rome_first_chosen(app, client):
    login(client, make_user(role="organiser"))
    page = client.get("/events/new").get_data(as_text=True)
    select = re.search(r'<select[^>]*name="time_zone"[^>]*>(.*?)</select>', page, re.S)
    assert select, "the time zone is not a select"
    options = re.findall(r'<option([^>]*)value="([^"]+)"', select.group(1))
    values = [value for _attrs, value in options]
    assert {"Europe/Rome", "Europe/London", "America/New_York", "Asia/Tokyo", "UTC"} <= set(values)
    assert len(values) > 300 and len(set(values)) == len(values)
    assert [value for attrs, value in options if "selected" in attrs] == ["Europe/Rome"]
    # worded as the event pages word zones, the common European zones first, Rome at the top
    assert re.search(r'value="Europe/Rome"[^>]*>Rome time \(CES?T\)<', select.group(1))
    assert re.search(r'value="Europe/London"[^>]*>London time \((GMT|BST)\)<', select.group(1))
    assert values[:3] == ["Europe/Rome", "Europe/London", "Europe/Paris"] and values.index("UTC") < 20


def test_the_zones_are_worded_in_the_readers_language(app, client):
    login(client, make_user(role="organiser", locale="it"))
    page = client.get("/events/new").get_data(as_text=True)
    assert re.search(r'value="Europe/Rome"[^>]*>ora di Roma \(CES?T\)<', page)
    assert re.search(r'value="Europe/London"[^>]*>ora di Londra \((GMT|BST)\)<', page)


def test_an_unknown_time_zone_is_refused_with_a_message(app, client):
    login(client, make_user(role="organiser"))
    page = post_form(client, "/events/new", dict(FIELDS, time_zone="Mars/Olympus_Mons")).get_data(as_text=True)
    assert "Unknown time zone." in page and db.session.execute(db.select(Event)).first() is None
    response = post_form(client, "/events/new", dict(FIELDS, time_zone="America/New_York"))
    assert response.status_code == 302
    assert db.session.execute(db.select(Event.time_zone)).scalar_one() == "America/New_York"


def test_a_zone_no_page_can_word_is_refused_and_an_alias_accepted(app, client):
    login(client, make_user(role="organiser"))
    page = post_form(client, "/events/new", dict(FIELDS, time_zone="Factory")).get_data(as_text=True)
    assert "Unknown time zone." in page and db.session.execute(db.select(Event)).first() is None
    assert post_form(client, "/events/new", dict(FIELDS, time_zone="US/Eastern")).status_code == 302


def test_an_event_saved_with_such_a_zone_still_shows_its_page(app, client):
    organiser = make_user(role="organiser")
    login(client, organiser)
    assert post_form(client, "/events/new", dict(FIELDS, time_zone="Europe/Rome")).status_code == 302
    event = db.session.execute(db.select(Event)).scalar_one()
    event.time_zone = "Factory"  # saved before the form refused it
    db.session.commit()
    response = client.get(f"/events/{event.id}/")
    assert response.status_code == 200 and "Factory" in response.get_data(as_text=True)


def test_a_session_that_slots_do_not_fill_is_pointed_out(app, client):
    login(client, make_user(role="organiser"))
    fields = dict(FIELDS, time_zone="Europe/Rome", am_end="10:30", pm_start="14:00", pm_end="17:30")
    page = post_form(client, "/events/new", fields, follow_redirects=True).get_data(as_text=True)
    assert "The last slot of the afternoon session ends at 17:20, not 17:30" in page
    assert "The last slot of the morning session ends at 10:20, not 10:30" in page
    filled = dict(fields, name="Filled day", am_end="10:20", pm_end="17:20")
    page = post_form(client, "/events/new", filled, follow_redirects=True).get_data(as_text=True)
    assert "Event created with" in page and "The last slot of" not in page


def test_the_usual_zones_come_first_in_their_own_group(app, client):
    login(client, make_user(role="organiser"))
    page = client.get("/events/new").get_data(as_text=True)
    select = re.search(r'<select[^>]*name="time_zone"[^>]*>(.*?)</select>', page, re.S).group(1)
    groups = re.findall(r'<optgroup label="([^"]+)">(.*?)</optgroup>', select, re.S)
    assert [label for label, _ in groups] == ["Usual time zones", "Other time zones"]
    usual = re.findall(r'value="([^"]+)"', groups[0][1])
    assert usual[0] == "Europe/Rome" and "Europe/Berlin" in usual and "UTC" in usual and len(usual) < 20
    others = re.findall(r'value="([^"]+)"', groups[1][1])
    assert "America/New_York" in others and not set(usual) & set(others) and len(others) > 300
    login(client, make_user(role="organiser", locale="it"))
    italian = client.get("/events/new").get_data(as_text=True)
    assert '<optgroup label="Fusi orari abituali">' in italian and '<optgroup label="Altri fusi orari">' in italian


def test_the_form_s_own_defaults_fill_their_sessions(app, client):
    """The 2026-12-01 walk: creating an event with the defaults (afternoon to 17:30, 20-minute slots) warned that the
    last slot ends at 17:20."""
    import re

    login(client, make_user(role="organiser"))
    form = client.get("/events/new").get_data(as_text=True)
    defaults = dict(re.findall(r'name="(am_start|am_end|pm_start|pm_end|slot_minutes)"[^>]*value="([^"]*)"', form))
    assert set(defaults) == {"am_start", "am_end", "pm_start", "pm_end", "slot_minutes"}, defaults
    fields = dict(FIELDS, time_zone="Europe/Rome", tables="20", **defaults)
    page = post_form(client, "/events/new", fields, follow_redirects=True).get_data(as_text=True)
    assert "Event created with" in page and "The last slot of" not in page
