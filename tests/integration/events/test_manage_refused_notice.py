"""A refused settings (or grid) form on the manage page says so at the top, where the page reloads, with a link to
the first field to correct: closing without "Yes, call the event off" is no longer a silent reload."""
from __future__ import annotations

import re
from datetime import datetime, timezone

from matchmaker.extensions import db
from matchmaker.models import Event, User
from tests.helpers import client_for, csrf_token, make_user, post_form
from tests.integration.events.builders import published_event, small_event


def _top(page: str) -> str:
    """The page above the event's heading: where the reader lands after the reload."""
    return page.split("<h1>", 1)[0]


def test_closing_without_the_tick_says_so_at_the_top_with_a_link_to_the_status(app):
    organiser = make_user(role="organiser")
    event, _people, _meetings = published_event(organiser=organiser)
    client = client_for(app, organiser)
    page = post_form(client, f"/events/{event.id}/manage", {"name": event.name, "status": "closed",
                                                            "max_meetings": "", "request_quota": ""})
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and db.session.get(Event, event.id).status == "published"
    top = _top(html)
    assert "flash-error" in top and "Please correct the fields marked below" in top
    assert '<a href="#status" id="first-error-link">Go to “Status”</a>' in top
    assert 'id="status"' in html and 'id="status-errors"' in html and "closing it now calls it off" in html
    # what the language switch carries back (static/js/unsaved.js): the refused field, and the texts to mark it
    assert 'id="status-field" data-refused' in html and 'id="name-field">' in html
    assert 'data-not-saved="Not saved: this field was refused.' in html and "data-not-saved-summary=" in html

    db.session.get(User, organiser.id).locale = "it"
    db.session.commit()
    html = post_form(client, f"/events/{event.id}/manage", {"name": event.name, "status": "closed",
                                                            "max_meetings": "", "request_quota": ""}
                     ).get_data(as_text=True)
    assert "Correggi i campi" in _top(html) and "Vai a «Stato»" in _top(html)


def test_a_refused_deadline_or_grid_links_to_its_own_field(app):
    organiser = make_user(role="organiser")
    event, _people, _meetings = small_event(organiser=organiser)
    client = client_for(app, organiser)
    url = f"/events/{event.id}/manage"
    html = post_form(client, url, {"name": event.name, "status": "requests", "max_meetings": "",
                                   "request_quota": "", "request_deadline": "2027-03-11T09:00"}).get_data(as_text=True)
    assert 'href="#request_deadline" id="first-error-link"' in _top(html)

    grid = {"first_day": "2027-03-10", "days": "1", "am_start": "13:00", "am_end": "09:00", "pm_start": "",
            "pm_end": "", "breaks": "", "slot_minutes": "20", "tables": "T1\nT2"}
    html = client.post(url, data={f"grid-{k}": v for k, v in grid.items()} | {
        "grid-csrf_token": csrf_token(client, url)}).get_data(as_text=True)
    assert 'href="#grid-am_' in _top(html) and "Please correct the fields marked below" in _top(html)


def test_a_saved_form_has_no_such_notice(app):
    organiser = make_user(role="organiser")
    event, _people, _meetings = small_event(organiser=organiser)
    client = client_for(app, organiser)
    done = post_form(client, f"/events/{event.id}/manage", {"name": event.name, "status": "requests",
                                                            "max_meetings": "", "request_quota": ""},
                     follow_redirects=True).get_data(as_text=True)
    assert "Event saved." in done and "first-error-link" not in done
    assert "first-error-link" not in client.get(f"/events/{event.id}/manage").get_data(as_text=True)


def test_a_refused_grid_leaves_the_settings_as_stored_and_the_deadline_in_the_events_time(app):
    """The settings form beside a refused grid shows what is stored, the deadline in the event's time as on a GET
    (it showed it in UTC, an hour off in March, and the next "Save" stored it so)."""
    organiser = make_user(role="organiser")
    event, _people, _meetings = small_event(organiser=organiser)
    event.request_deadline = datetime(2027, 3, 9, 18, 0, tzinfo=timezone.utc)  # 19:00 in Rome
    event.venue = "Palazzo Lombardia"
    db.session.commit()
    client = client_for(app, organiser)
    url = f"/events/{event.id}/manage"
    assert 'value="2027-03-09T19:00"' in client.get(url).get_data(as_text=True)
    grid = {"first_day": "2027-03-10", "days": "1", "am_start": "09:00", "am_end": "10:00", "pm_start": "",
            "pm_end": "", "breaks": "nonsense", "slot_minutes": "20", "tables": "T1\nT2"}
    html = client.post(url, data={f"grid-{k}": v for k, v in grid.items()} | {
        "grid-csrf_token": csrf_token(client, url)}).get_data(as_text=True)
    assert "Please correct the fields marked below" in _top(html) and 'href="#grid-breaks"' in _top(html)
    assert 'id="request_deadline" name="request_deadline" type="datetime-local" value="2027-03-09T19:00"' in html
    assert 'value="Palazzo Lombardia"' in html


def test_a_refused_new_event_says_so_at_the_top(app):
    client = client_for(app, make_user(role="organiser"))
    html = post_form(client, "/events/new", {"name": "Giornata", "time_zone": "Europe/Rome", "first_day": "2027-03-10",
                                             "days": "1", "am_start": "13:00", "am_end": "09:00", "pm_start": "",
                                             "pm_end": "", "breaks": "", "slot_minutes": "20", "tables": "2"}
                     ).get_data(as_text=True)
    assert "Please correct the fields marked below" in _top(html) and 'id="first-error-link"' in _top(html)
    assert 'id="am_end-field" data-refused' in html or 'id="am_start-field" data-refused' in html


def test_no_table_is_refused_on_the_new_event_and_on_the_grid(app):
    """"0" tables made an event where nobody could meet: refused on its field."""
    organiser = make_user(role="organiser")
    client = client_for(app, organiser)
    fields = {"name": "Giornata", "time_zone": "Europe/Rome", "first_day": "2027-03-10", "days": "1",
              "am_start": "09:00", "am_end": "13:00", "pm_start": "", "pm_end": "", "breaks": "", "slot_minutes": "20",
              "tables": "0"}
    html = post_form(client, "/events/new", fields).get_data(as_text=True)
    assert 'href="#tables" id="first-error-link"' in _top(html) and "At least one table" in html
    assert db.session.scalar(db.select(db.func.count()).select_from(Event)) == 0

    event, _people, _meetings = small_event(organiser=organiser, pairs=())
    url = f"/events/{event.id}/manage"
    grid = {k: v for k, v in fields.items() if k not in ("name", "time_zone")} | {"tables": "0"}
    html = client.post(url, data={f"grid-{k}": v for k, v in grid.items()} | {
        "grid-csrf_token": csrf_token(client, url)}).get_data(as_text=True)
    assert 'href="#grid-tables"' in _top(html) and len(db.session.get(Event, event.id).tables) == 2


def test_the_services_refuse_an_event_without_a_table_too(app):
    """The rule lives in services/, not only in the form: any other caller (an import, a script) is refused too."""
    from dataclasses import replace
    from datetime import date

    import pytest

    from matchmaker.scheduling.dzn import parse_dzn
    from matchmaker.services.events_import import create_event, import_instance
    from matchmaker.services.events_regrid import change_grid

    instance = parse_dzn("nBusiness = 2; nMeetings = 1; nTables = 1; nTotalSlots = 2; nMorningSlots = 2;"
                         "requested = [| 1, 2, 1 |];")
    with pytest.raises(ValueError, match="at least one table"):
        import_instance(replace(instance, tables=()), "Giornata")
    db.session.rollback()
    organiser = make_user(role="organiser")
    with pytest.raises(ValueError, match="at least one table"):
        create_event("Giornata", "Europe/Rome", [date(2027, 3, 10)], [("am", "09:00", "13:00")], 20, [], [])
    db.session.rollback()
    event, _people, _meetings = small_event(organiser=organiser, pairs=())
    with pytest.raises(ValueError, match="at least one table"):
        change_grid(event, [date(2027, 3, 10)], [("am", "09:00", "13:00")], 20, [], [])
    db.session.rollback()
    assert len(db.session.get(Event, event.id).tables) == 2
    assert db.session.scalar(db.select(db.func.count()).select_from(Event)) == 1


def test_a_grid_change_refused_by_placed_meetings_keeps_what_was_typed(app):
    """Meetings are placed: the new grid is refused with its reason, and the page shows the grid as typed (it was a
    redirect to the stored grid, losing every typed field)."""
    organiser = make_user(role="organiser")
    event, _people, _meetings = published_event(organiser=organiser)
    client = client_for(app, organiser)
    url = f"/events/{event.id}/manage"
    minutes = event.slot_minutes
    typed = {"first_day": "2027-03-10", "days": "1", "am_start": "09:00", "am_end": "12:40", "pm_start": "",
             "pm_end": "", "breaks": "10:40-11:00", "slot_minutes": str(minutes + 5), "tables": "3"}
    page = client.post(url, data={f"grid-{k}": v for k, v in typed.items()} | {
        "grid-csrf_token": csrf_token(client, url)})
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and "The slots and tables were not changed" in html

    def typed_value(name: str) -> str:
        tag = re.search(rf'<input[^>]*name="grid-{name}"[^>]*>', html).group(0)
        return re.search(r'value="([^"]*)"', tag).group(1)

    assert typed_value("slot_minutes") == str(minutes + 5) and typed_value("breaks") == "10:40-11:00"
    assert re.search(r'<textarea[^>]*name="grid-tables"[^>]*>\s*3</textarea>', html)
    assert db.session.get(Event, event.id).slot_minutes == minutes
