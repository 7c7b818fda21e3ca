"""The create form refuses a session ending before it starts and an afternoon overlapping the morning, on the field
with the typing kept, in both languages; a table line "Name https://…" without "|" is a virtual room."""
from __future__ import annotations

from sqlalchemy import select

from matchmaker.extensions import db
from matchmaker.models import Event, EventTable
from tests.helpers import login, make_user, post_form
from tests.integration.events.test_event_dates import FORM


def test_a_backwards_morning_is_refused_on_its_field_with_the_typing_kept(app, client):
    login(client, make_user(role="organiser"))
    page = post_form(client, "/events/new", dict(FORM, first_day="2031-05-06", am_start="13:00", am_end="09:00",
                                                 pm_start="12:00", pm_end="17:30"))
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and db.session.execute(select(Event)).first() is None
    assert "This session ends (09:00) before it starts (13:00)" in html
    assert 'value="13:00"' in html and 'value="09:00"' in html


def test_an_afternoon_starting_before_the_morning_ends_is_refused_in_italian(app, client):
    login(client, make_user(role="organiser", locale="it"))
    page = post_form(client, "/events/new", dict(FORM, first_day="2031-05-06", am_start="09:00", am_end="13:00",
                                                 pm_start="12:00", pm_end="17:30"))
    html = page.get_data(as_text=True)
    assert db.session.execute(select(Event)).first() is None
    assert "La sessione del pomeriggio inizia (12:00) prima che finisca quella del mattino (13:00)" in html


def test_a_table_line_with_a_link_and_no_bar_is_a_virtual_room(app, client):
    login(client, make_user(role="organiser"))
    done = post_form(client, "/events/new", dict(FORM, first_day="2031-05-06",
                                                 tables="Sala A\nVirtuale 1 https://meet.example.org/v1"))
    assert done.status_code == 302
    tables = db.session.execute(select(EventTable).order_by(EventTable.index)).scalars().all()
    assert [(t.name, t.virtual, t.link) for t in tables] == [
        ("Sala A", False, ""), ("Virtuale 1", True, "https://meet.example.org/v1")]
