"""One clear message for a number field given letters (the walk: "Number of days" said both "Enter a whole number"
and "Enter a number from 1 to 5"), and the availability page's intro without brackets inside brackets."""
from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from matchmaker.extensions import db
from matchmaker.models import Event, User
from tests.helpers import login, make_user, post_form
from tests.integration.events.builders import small_event

FORM = {"name": "BioMed day", "time_zone": "Europe/Rome", "first_day": "2031-05-06", "days": "1", "am_start": "09:00",
        "am_end": "12:00", "pm_start": "14:00", "pm_end": "17:00", "slot_minutes": "20", "tables": "4"}


def _errors(page: str, field: str) -> list[str]:
    """The error messages shown under one field of the form."""
    block = re.search(rf'name="{field}".*?(?=<div class="field|<fieldset|</form>)', page, re.S).group(0)
    return re.findall(r"<li>(.*?)</li>", block)


@pytest.mark.parametrize("field, typed, message", [
    ("days", "two", "Enter a whole number from 1 to 5."), ("days", "9", "Enter a whole number from 1 to 5."),
    ("slot_minutes", "2o", "Enter a whole number from 5 to 240."),
    ("max_meetings", "eight", "Enter a whole number from 1 to 100.")])
def test_a_number_field_says_one_thing(app, client, field, typed, message):
    login(client, make_user(role="organiser"))
    page = post_form(client, "/events/new", dict(FORM, **{field: typed}))
    assert page.status_code == 200 and db.session.execute(select(Event)).first() is None
    assert _errors(page.get_data(as_text=True), field) == [message]


def test_a_number_field_says_one_thing_in_italian(app, client):
    login(client, make_user(role="organiser", locale="it"))
    page = post_form(client, "/events/new", dict(FORM, days="due")).get_data(as_text=True)
    assert _errors(page, "days") == ["Inserisci un numero intero da 1 a 5."]


def test_the_availability_intro_has_no_brackets_inside_brackets(app, client):
    event, people, _meetings = small_event(accounts=True)
    login(client, db.session.get(User, people[0].user_id))
    page = client.get(f"/events/{event.id}/availability").get_data(as_text=True)
    intro = re.search(r'<p class="muted" id="availability-intro">(.*?)</p>', page, re.S).group(1)
    assert intro == "Tick the slots in which you are not available. Times: Rome time (CET)."
