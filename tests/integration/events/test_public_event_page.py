"""F22: an event's link shows a logged-out visitor a public page (never a draft's, never who takes part by name),
and logging in or registering from it brings the visitor back to the event."""
from __future__ import annotations

import re
from urllib.parse import parse_qs

import pytest

from matchmaker.extensions import db
from matchmaker.models import EventParticipant
from tests.helpers import PASSWORD, make_org, make_user, post_form
from tests.integration.events.builders import small_event


def _event(status="registration"):
    event, people, _ = small_event(accounts=True, pairs=())
    event.status, event.venue, event.description = status, "Palazzo Lombardia", "Oncology partnering day"
    people[0].user.email = "persona@example.org"
    db.session.commit()
    return event, people


@pytest.mark.parametrize("lang, words", [("en", ("Log in to register", "Register your organisation", "10")),
                                         ("it", ("Accedi per iscriverti", "Registra la tua organizzazione", "10"))])
def test_a_logged_out_visitor_sees_the_event_not_its_people(app, client, lang, words):
    event, people = _event()
    client.set_cookie("lang", lang)
    response = client.get(f"/events/{event.id}/", headers={"Accept-Language": lang})
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert event.name in html and "Palazzo Lombardia" in html and "Oncology partnering day" in html
    assert all(word in html for word in words)
    assert "09:00" in html  # the first slot in the event's own zone (Europe/Rome), not UTC
    assert f'href="/auth/login?next=/events/{event.id}/"' in html.replace("%2F", "/")
    assert f'href="/auth/register?next=/events/{event.id}/"' in html.replace("%2F", "/")
    assert "Person 0" not in html and "persona@example.org" not in html and people[0].organisation.name not in html


@pytest.mark.parametrize("status", ["draft", None])
def test_a_draft_or_unknown_event_sends_the_visitor_to_log_in(app, client, status):
    event, _ = _event(status or "draft")
    response = client.get(f"/events/{event.id if status else event.id + 99}/")
    assert response.status_code == 302 and "/auth/login" in response.headers["Location"]


def test_a_closed_event_says_so(app, client):
    event, _ = _event("closed")
    html = client.get(f"/events/{event.id}/").get_data(as_text=True)
    assert "Registration is closed." in html and "Log in to register" not in html


def test_logging_in_from_the_page_returns_to_the_event(app, client):
    event, _ = _event()
    user = make_user(organisation_id=make_org().id)
    here = f"/events/{event.id}/"
    response = post_form(client, f"/auth/login?next={here}", {"email": user.email, "password": PASSWORD})
    assert response.headers["Location"] == here
    assert 'id="register"' in client.get(here).get_data(as_text=True)  # the "Register for this event" button


def test_login_refuses_a_foreign_next(app, client):
    user = make_user(organisation_id=make_org().id)
    response = post_form(client, "/auth/login?next=//evil.example/", {"email": user.email, "password": PASSWORD})
    assert response.headers["Location"] == "/"
    assert "/auth/login?next=" not in client.get("/auth/register?next=//evil.example/").get_data(as_text=True)


def test_registering_from_the_page_returns_to_the_event_after_confirmation(app, client, caplog):
    event, _ = _event()
    here = f"/events/{event.id}/"
    login_page = client.get(f"/auth/login?next={here}").get_data(as_text=True)
    register_url = re.search(r'href="(/auth/register\?next=[^"]+)"', login_page).group(1)
    response = post_form(client, register_url.replace("&amp;", "&"), {
        "name": "Laura Neri", "email": "laura@neo.example", "organisation_name": "Neo Diagnostics Srl",
        "kind": "sme", "password": PASSWORD, "confirm": PASSWORD, "privacy": "y"})
    assert "Check your mail" in response.get_data(as_text=True)
    link = re.findall(r"http://localhost(/auth/confirm/\S+)", caplog.text)[-1]
    response = client.get(link)
    assert response.status_code == 302 and response.headers["Location"] == here
    page = client.get(here).get_data(as_text=True)
    assert 'id="register"' in page
    post_form(client, f"/events/{event.id}/register", {}, form_url=here)
    assert db.session.execute(db.select(EventParticipant).where(
        EventParticipant.event_id == event.id, EventParticipant.name == "Laura Neri")).first() is not None


def test_a_colleague_joining_an_organisation_keeps_the_event_to_return_to(app, client, caplog):
    event, _ = _event()
    make_org(name="Neo Diagnostics Srl")
    here = f"/events/{event.id}/"
    post_form(client, f"/auth/register?next={here}", {
        "name": "Laura Neri", "email": "laura@neo.example", "organisation_name": "Neo Diagnostics Srl",
        "kind": "sme", "password": PASSWORD, "confirm": PASSWORD, "joining": "y", "privacy": "y"})
    link = re.findall(r"http://localhost(/auth/confirm/\S+)", caplog.text)[-1]
    response = client.get(link)
    assert response.headers["Location"].startswith("/membership/join?next=")
    join = client.get(response.headers["Location"]).get_data(as_text=True)
    assert f'href="{here}"' in join and 'id="return-to-event"' in join


def _add(event, kind):
    organisation = make_org(kind=kind)
    db.session.add(EventParticipant(event_id=event.id, name=f"Someone of {organisation.name}",
                                    organisation_id=organisation.id))
    db.session.commit()


def test_kinds_of_fewer_than_three_are_folded_or_left_out(app, client):
    event, _ = _event()  # four SMEs
    for kind in ("university", "university", "investor"):
        _add(event, kind)
    html = client.get(f"/events/{event.id}/").get_data(as_text=True)
    assert "4 × SME · 3 of other kinds" in html and "University" not in html and "Investor" not in html
    assert "× Other" not in html  # the folded count is not the kind "other"
    italian = client.get(f"/events/{event.id}/", headers={"Accept-Language": "it"}).get_data(as_text=True)
    assert "4 × PMI · 3 di altri tipi" in italian and "× Altro" not in italian


def test_a_small_event_shows_no_breakdown(app, client):
    event, people = _event()
    for participant in people[2:]:
        participant.cancelled = True
    db.session.commit()
    html = client.get(f"/events/{event.id}/").get_data(as_text=True)
    assert 'id="taking-part"' not in html and "× SME" not in html


def test_a_called_off_event_says_so_and_not_who_took_part(app, client):
    from datetime import datetime, timezone

    event, _ = _event("closed")
    event.closed_at = datetime(2027, 3, 1, tzinfo=timezone.utc)  # before its first slot (10 March 2027)
    db.session.commit()
    html = client.get(f"/events/{event.id}/").get_data(as_text=True)
    assert 'id="called-off"' in html and "This event was called off by the organisers" in html
    assert "Called off" in html and "Taking part so far" not in html and "Took part" not in html
    assert 'id="taking-part"' not in html and "× SME" not in html
    italian = client.get(f"/events/{event.id}/", headers={"Accept-Language": "it"}).get_data(as_text=True)
    assert "Questo evento è stato annullato dagli organizzatori" in italian and "Partecipano finora" not in italian


@pytest.mark.parametrize("closed_on, words", [
    (1, ("This event was called off", "Called off")), (11, ("Registration is closed.", "Took part:"))])
def test_the_public_page_asks_once_whether_the_event_was_called_off(app, client, monkeypatch, closed_on, words):
    from datetime import datetime, timezone

    from matchmaker.services import events_closing

    event, _ = _event("closed")
    event.closed_at = datetime(2027, 3, closed_on, tzinfo=timezone.utc)  # before or after its first slot (10 March)
    db.session.commit()
    asked, real = [], events_closing.called_off
    monkeypatch.setattr(events_closing, "called_off", lambda event: asked.append(event.id) or real(event))
    html = client.get(f"/events/{event.id}/").get_data(as_text=True)
    assert all(word in html for word in words)
    assert asked == [event.id]  # one query of the first slot per page, not one per mention


def _header_link(html, which="register"):
    return re.search(rf'<a href="([^"]*)" id="nav-{which}">', html).group(1).replace("&amp;", "&")


def _header_register(html):
    return _header_link(html, "register")


def _next_of(url, which="register"):
    path, _, query = url.partition("?")
    assert path == f"/auth/{which}"
    return parse_qs(query).get("next")


@pytest.mark.parametrize("which", ["register", "login"])
def test_the_header_s_visitor_links_return_to_the_page(app, client, which):
    event, _ = _event()
    here = f"/events/{event.id}/"
    assert _next_of(_header_link(client.get(here).get_data(as_text=True), which), which) == [here]
    page = client.get(f"{here}?from=mail&lang=it").get_data(as_text=True)
    assert _next_of(_header_link(page, which), which) == [f"{here}?from=mail&lang=it"]  # the query kept, encoded
    for auth_page in ("login", "register"):  # where the login or registration page returns, not that page
        html = client.get(f"/auth/{auth_page}?next={here}").get_data(as_text=True)
        assert _next_of(_header_link(html, which), which) == [here]
        assert _header_link(client.get(f"/auth/{auth_page}").get_data(as_text=True), which) == f"/auth/{which}"
    for foreign in ("//evil.example/", "https://evil.example/"):
        html = client.get(f"/auth/login?next={foreign}").get_data(as_text=True)
        assert _header_link(html, which) == f"/auth/{which}"
    assert _header_link(client.get("/").get_data(as_text=True), which) == f"/auth/{which}"


def test_logging_in_from_the_header_returns_to_the_page(app, client):
    event, _ = _event()
    user = make_user(organisation_id=make_org().id)
    here = f"/events/{event.id}/?from=mail"
    login_url = _header_link(client.get(here).get_data(as_text=True), "login")
    response = post_form(client, login_url, {"email": user.email, "password": PASSWORD})
    assert response.headers["Location"] == here


def test_registering_from_the_header_returns_to_the_event(app, client, caplog):
    event, _ = _event()
    here = f"/events/{event.id}/"
    register_url = _header_register(client.get(here).get_data(as_text=True))
    post_form(client, register_url, {
        "name": "Laura Neri", "email": "laura@neo.example", "organisation_name": "Neo Diagnostics Srl",
        "kind": "sme", "password": PASSWORD, "confirm": PASSWORD, "privacy": "y"})
    link = re.findall(r"http://localhost(/auth/confirm/\S+)", caplog.text)[-1]
    assert client.get(link).headers["Location"] == here
