"""Event times and words after the newcomer walk: one date format (Babel, the reader's language, the event's time
zone) on the home card, the event page and the agenda; a time zone people can read; no English left-overs."""
from __future__ import annotations

import re

from matchmaker.extensions import db
from matchmaker.models import Event
from matchmaker.services.events_publish import publish
from tests.helpers import login, make_org, make_user
from tests.integration.events.builders import schedule_now, small_event


def _member_with_agenda(locale: str):
    member = make_user(organisation_id=make_org().id, locale=locale)
    event, people, _ = small_event()
    people[0].user_id = member.id
    db.session.commit()
    schedule_now(event)
    publish(db.session.get(Event, event.id))
    db.session.commit()
    return member, event


def _text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.get_data(as_text=True)))


def test_one_date_format_and_a_readable_time_zone_in_italian(app, client):
    member, event = _member_with_agenda("it")
    login(client, member)
    home, show, agenda = (_text(client.get(url)) for url in
                          ("/", f"/events/{event.id}/", f"/events/{event.id}/agenda"))
    assert "mer 10 mar 2027, 09:00" in home  # the home card's next event
    assert "mer 10 mar 2027, 09:00–15:00" in show  # the event page (one day: the date once)
    assert re.search(r"mer 10 mar 2027, \d\d:\d\d–\d\d:\d\d", agenda)  # each meeting, with the year
    for page in (show, agenda):
        assert "ora di Roma (CET)" in page and "Europe/Rome" not in page
    assert "<title>Pagina iniziale" in client.get("/").get_data(as_text=True)


def test_one_date_format_and_a_readable_time_zone_in_english(app, client):
    member, event = _member_with_agenda("en")
    login(client, member)
    home, show, agenda = (_text(client.get(url)) for url in
                          ("/", f"/events/{event.id}/", f"/events/{event.id}/agenda"))
    assert "Wed, Mar 10, 2027, 09:00" in home and "Wed, Mar 10, 2027, 09:00–15:00" in show
    assert re.search(r"Wed, Mar 10, 2027, \d\d:\d\d–\d\d:\d\d", agenda)
    assert "Rome time (CET)" in show and "Rome time (CET)" in agenda


def test_my_profile_leads_to_the_own_organisation_or_is_hidden(app, client):
    organiser = make_user(role="organiser")
    login(client, organiser)
    assert "My profile" not in client.get("/events/").get_data(as_text=True)  # no organisation: no link to a desk
    member = make_user(organisation_id=make_org().id)
    other = app.test_client()
    login(other, member)
    assert f'href="/profiles/{member.organisation_id}">My profile' in other.get("/events/").get_data(as_text=True)


def test_the_country_filter_shows_names_in_the_readers_language(app, client):
    make_org(country="DE")
    make_org(country="IT")
    member = make_user(organisation_id=make_org(country="FR").id, locale="it")
    login(client, member)
    page = client.get("/profiles/").get_data(as_text=True)
    assert '<option value="DE" >Germania</option>' in page and '<option value="FR" >Francia</option>' in page
    assert page.index(">Francia<") < page.index(">Germania<") < page.index(">Italia<")  # sorted by name
    assert '<option value="IT" selected>Italia</option>' in client.get("/profiles/?country=it").get_data(as_text=True)


def test_country_names_on_cards_include_the_eu_codes(app):
    from flask_babel import force_locale

    from matchmaker.i18n import country_name

    with app.test_request_context(), force_locale("it"):
        assert [country_name(c) for c in ("IT", "de", "UK", "EL", "XX", None)] == [
            "Italia", "Germania", "Regno Unito", "Grecia", "XX", ""]
