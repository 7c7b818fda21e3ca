"""Mails and calendars speak the recipient's language: registration and a first login save the language the person
uses; a recipient without a saved language gets the site's default (English), never the sender's language."""
from __future__ import annotations

import logging

import icalendar
from flask_babel import force_locale

from matchmaker.extensions import db
from matchmaker.models import Event, EventParticipant, User
from matchmaker.services import accounts, invitations
from matchmaker.services.events_publish import publish
from matchmaker.services.notifications import notify
from tests.helpers import PASSWORD, make_org, make_user, post_form
from tests.integration.events.builders import schedule_now, small_event

ITALIAN = {"Accept-Language": "it-IT,it;q=0.9"}


def _mails(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if "Mail not configured" in r.getMessage()]


def test_registering_saves_the_language_the_page_was_read_in(app):
    with app.test_request_context("/auth/register", headers=ITALIAN):
        user = accounts.register_user("anna@biovalle.example", "Anna", PASSWORD, "BioValle", "startup",
                                      lambda token: f"/confirm/{token}")
    assert db.session.get(User, user.id).locale == "it"
    with app.test_request_context("/auth/register", headers=ITALIAN):
        chosen = accounts.register_user("ben@biovalle.example", "Ben", PASSWORD, "BioValle", "startup",
                                        lambda token: f"/confirm/{token}", language="en")
    assert db.session.get(User, chosen.id).locale == "en"


def test_a_first_login_saves_the_language_used_and_a_saved_one_stays(app, client):
    founder, reader = make_user(locale=None), make_user(locale="en")
    for user in (founder, reader):
        response = post_form(client, "/auth/login", {"email": user.email, "password": PASSWORD}, headers=ITALIAN)
        assert response.status_code == 302
        post_form(client, "/auth/logout", {}, form_url="/")
    assert db.session.get(User, founder.id).locale == "it"
    assert db.session.get(User, reader.id).locale == "en"  # a preference is never overridden by a browser
    with app.test_request_context("/", headers=ITALIAN):
        nobody = make_user(locale=None)
        accounts.record_login(nobody)  # no language known: nothing saved, the default applies
    assert db.session.get(User, nobody.id).locale is None


def test_a_recipient_without_a_saved_language_gets_the_default_not_the_senders(app, caplog):
    # Giulia declines in Italian; the founder who never saved a language reads English (the site's default).
    founder, italian = make_user(locale=None, name="Founder"), make_user(locale="it", name="Lettore")
    with caplog.at_level(logging.WARNING), app.test_request_context("/", headers=ITALIAN), force_locale("it"):
        notify(founder, "api_token_created", {"name": "CRM"})
        notify(italian, "api_token_created", {"name": "CRM"})
    founder_mail, italian_mail = _mails(caplog)
    assert "Hello Founder" in founder_mail and "Ciao" not in founder_mail
    assert "Ciao Lettore" in italian_mail


def test_an_invitation_without_an_organisation_language_is_in_the_default_not_the_inviters(app, caplog):
    admin = make_user(role="admin", locale="it")
    with caplog.at_level(logging.WARNING), app.test_request_context("/", headers=ITALIAN), force_locale("it"):
        invitations.invite_user(admin, "new@example.org", None, "member", lambda token: f"/i/{token}")
        invitations.invite_user(admin, "nuovo@example.org", make_org(language="it"), "member",
                                lambda token: f"/i/{token}")
    plain, italian = _mails(caplog)
    assert "You are invited to Matchmaker" in plain
    assert "You are invited to Matchmaker" not in italian


def test_an_organisers_italian_publish_mails_each_participant_in_their_language(app, caplog):
    event, people, _ = small_event(accounts=True)
    users = [db.session.get(User, p.user_id) for p in people]
    users[0].locale, users[1].locale = None, "it"
    db.session.commit()
    schedule_now(event)
    with caplog.at_level(logging.WARNING), app.test_request_context("/", headers=ITALIAN), force_locale("it"):
        publish(db.session.get(Event, event.id))
        db.session.commit()
    by_address = {u.email: [m for m in _mails(caplog) if u.email in m] for u in users[:2]}
    assert by_address[users[0].email] and all("Hello" in m for m in by_address[users[0].email])
    assert by_address[users[1].email] and all("Ciao" in m for m in by_address[users[1].email])


def test_the_calendar_of_someone_who_logged_in_in_italian_is_in_italian(app, client):
    member = make_user(organisation_id=make_org().id, locale=None)
    post_form(client, "/auth/login", {"email": member.email, "password": PASSWORD}, headers=ITALIAN)
    event, people, _ = small_event()
    people[0].user_id = member.id
    db.session.commit()
    schedule_now(event)
    publish(db.session.get(Event, event.id))
    db.session.commit()
    token = db.session.get(EventParticipant, people[0].id).ical_token
    feed = icalendar.Calendar.from_ical(client.get(f"/events/calendar/{token}.ics").data)
    assert all(str(e["location"]).startswith("Tavolo ") for e in feed.walk("VEVENT"))


def test_a_login_from_a_browser_that_says_no_language_saves_none(app, client):
    user = make_user(locale=None)
    assert post_form(client, "/auth/login", {"email": user.email, "password": PASSWORD}).status_code == 302
    assert db.session.get(User, user.id).locale is None  # English applies, and the next browser may still say
