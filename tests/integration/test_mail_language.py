"""Mails and calendars speak the recipient's language: registration and a first login save the language the person
uses; a recipient without a saved language gets the site's default (English), never the sender's language; an
invitation to a new address (no language known) is in its organisation's country's language, else the sender's."""
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


def test_an_invitation_is_in_the_organisations_countrys_language_else_the_inviters(app, caplog):
    # The invitee has no language of their own: an Italian organisation (its profile written in English, as the
    # CORDIS ones are) is written to in Italian whatever the inviter's language; a German one, or none, in the
    # inviter's language (Italian, then English).
    admin = make_user(role="admin", locale="it")
    italian, german = make_org(language="en", country="IT"), make_org(language="en", country="DE")
    with caplog.at_level(logging.WARNING):
        for lang, organisation, email in (("en", italian, "a@example.org"), ("it", german, "b@example.org"),
                                          ("it", None, "c@example.org"), ("en", german, "d@example.org")):
            with app.test_request_context("/"), force_locale(lang):
                invitations.invite_user(admin, email, organisation, "member", lambda token: f"/i/{token}")
    to_italian_org, german_by_italian, none_by_italian, german_by_english = _mails(caplog)
    assert "Invito a Matchmaker" in to_italian_org and "Invito a Matchmaker" in german_by_italian
    assert "You are invited to Matchmaker" not in to_italian_org
    assert "You are invited to Matchmaker" not in german_by_italian
    assert "You are invited to Matchmaker" not in none_by_italian
    assert "You are invited to Matchmaker" in german_by_english


def test_an_organisers_invitation_to_an_event_follows_the_same_rule(app, caplog):
    from matchmaker.services import events_welcome
    event, _, _ = small_event(people=0, pairs=())
    rows = [EventParticipant(event_id=event.id, name="Anna Verdi", email="anna.verdi@example.org",
                             organisation_id=make_org(language="en", country="IT").id),
            EventParticipant(event_id=event.id, name="Hans Weber", email="hans@example.org",
                             organisation_id=make_org(language="en", country="DE").id)]
    db.session.add_all(rows)
    db.session.commit()
    with caplog.at_level(logging.WARNING), app.test_request_context("/"), force_locale("it"):
        assert events_welcome.welcome(event, rows[:1]) == 1  # from an organiser working in Italian
    with caplog.at_level(logging.WARNING), app.test_request_context("/"), force_locale("en"):
        assert events_welcome.welcome(event, rows) == 2  # from one working in English
    italian, italian_again, german = _mails(caplog)
    for mail in (italian, italian_again):
        assert "You take part in" not in mail and "Gentile Anna Verdi" in mail
    assert "You take part in Meet in Italy" in german


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
