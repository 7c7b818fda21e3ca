"""The create form and the slot grid refuse what would silently not be: a break ending before (or when) it starts, or
outside every session (it would leave out no slot); a virtual room's link that is not a web address (javascript:
reached the agendas); two tables of one name. Each on its field, the typing kept, in both languages; the services
refuse such tables too, and an agenda never makes a link of a stored link that is not http(s)."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from matchmaker.extensions import db
from matchmaker.models import Event, EventTable
from matchmaker.services import events_rules
from matchmaker.services.events_regrid import change_grid
from tests.helpers import login, make_user, post_form
from tests.integration.events.builders import small_event
from tests.integration.events.test_event_dates import FORM


@pytest.mark.parametrize("breaks, message", [
    ("11:00-10:00", "The break 11:00-10:00 ends before it starts"),
    ("10:00-10:00", "The break 10:00-10:00 ends before it starts"),
    ("18:00-19:00", "The break 18:00-19:00 falls outside the sessions (09:00–13:00, 14:00–17:30)"),
])
def test_an_impossible_break_is_refused_on_its_field(app, client, breaks, message):
    login(client, make_user(role="organiser"))
    page = post_form(client, "/events/new", dict(FORM, first_day="2031-05-06", am_start="09:00", am_end="13:00",
                                                 pm_start="14:00", pm_end="17:30", breaks=breaks))
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and db.session.execute(select(Event)).first() is None
    assert message in html and f'value="{breaks}"' in html


def test_a_break_across_a_session_s_end_is_kept(app, client):
    login(client, make_user(role="organiser"))
    done = post_form(client, "/events/new", dict(FORM, first_day="2031-05-06", am_start="09:00", am_end="13:00",
                                                 pm_start="14:00", pm_end="17:30", breaks="12:40-13:30"))
    assert done.status_code == 302


@pytest.mark.parametrize("tables, message", [
    ("Sala JS | javascript:alert(1)", "The link of “Sala JS” is not a web address"),
    ("Sala | non-un-link", "The link of “Sala” is not a web address"),
    ("Tavolo A\ntavolo a", "Two tables are named “tavolo a”"),
])
def test_a_bad_room_link_or_a_name_given_twice_is_refused(app, client, tables, message):
    login(client, make_user(role="organiser"))
    page = post_form(client, "/events/new", dict(FORM, first_day="2031-05-06", tables=tables))
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and db.session.execute(select(Event)).first() is None
    assert message in html and tables.splitlines()[0] in html


def test_the_grid_refuses_them_in_italian(app, client):
    organiser = make_user(role="organiser", locale="it")
    event = small_event(organiser=organiser, pairs=())[0]
    login(client, organiser)
    page = client.get(f"/events/{event.id}/manage")
    assert page.status_code == 200
    from tests.helpers import csrf_token
    data = {"csrf_token": csrf_token(client, f"/events/{event.id}/manage"), "grid-first_day": "2031-05-06",
            "grid-days": "1", "grid-am_start": "09:00", "grid-am_end": "13:00", "grid-pm_start": "",
            "grid-pm_end": "", "grid-breaks": "15:00-15:20", "grid-slot_minutes": "20",
            "grid-tables": "Sala | ftp://files.example.org"}
    html = client.post(f"/events/{event.id}/manage", data=data).get_data(as_text=True)
    assert "La pausa 15:00-15:20" in html and "Il link di “Sala”" in html
    assert db.session.get(Event, event.id).grid.get("breaks") == []


def test_the_services_refuse_such_tables_and_agendas_link_only_web_addresses(app):
    organiser = make_user(role="organiser")
    event = small_event(organiser=organiser, pairs=())[0]
    grid = event.grid
    with pytest.raises(ValueError, match="table_link_not_web"):
        change_grid(event, [], grid["sessions"], event.slot_minutes, [], [("Sala", True, "javascript:alert(1)")])
    with pytest.raises(ValueError, match="table_name_twice"):
        change_grid(event, [], grid["sessions"], event.slot_minutes, [], [("A", False, ""), ("a", False, "")])
    assert events_rules.is_web_link("https://meet.example.org/x") and not events_rules.is_web_link("https://")
    assert not events_rules.is_web_link("javascript:alert(1)") and not events_rules.is_web_link("//evil.example")
    with app.test_request_context():
        template = app.jinja_env.from_string("{% if link is web_link %}<a href='{{ link }}'>{% endif %}")
        assert template.render(link="javascript:alert(1)") == ""
        assert template.render(link="https://meet.example.org/x") == "<a href='https://meet.example.org/x'>"
    assert db.session.execute(select(EventTable).where(EventTable.link != "")).first() is None
