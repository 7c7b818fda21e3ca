"""A participant the organisers cancel is told so, with a link to the event page that explains it (not to an agenda
they may no longer open); their partners are told which meeting went, by name."""
from __future__ import annotations

from sqlalchemy import select

from matchmaker.extensions import db
from matchmaker.models import Event, EventParticipant, Notification
from matchmaker.services import events_moves
from matchmaker.services.events_publish import publish
from tests.helpers import login, logout, make_user, post_form
from tests.integration.events.builders import small_event


def test_the_cancelled_person_gets_a_clear_notice_linking_to_the_event_page(app, client):
    organiser = make_user(role="organiser")
    event, people, meetings = small_event(organiser=organiser, accounts=True, pairs=((0, 1),))
    events_moves.move(event, meetings[0].id, 0, 0)
    publish(db.session.get(Event, event.id), notify_participants=False)
    db.session.commit()
    login(client, organiser)
    post_form(client, f"/events/{event.id}/participants/{people[0].id}/cancel", {},
              form_url=f"/events/{event.id}/participants/{people[0].id}/cancel")
    logout(client)

    cancelled = db.session.get(EventParticipant, people[0].id)
    notes = db.session.execute(select(Notification).where(Notification.user_id == cancelled.user_id)).scalars().all()
    assert [(n.code, n.link) for n in notes] == [("event_participation_cancelled", f"/events/{event.id}/")]
    login(client, cancelled.user)
    page = client.get("/notifications/").get_data(as_text=True)
    assert "The organisers cancelled your participation in Meet in Italy" in page
    assert "0 new" not in page
    shown = client.get(f"/events/{event.id}/")
    assert shown.status_code == 200 and 'id="participation-cancelled"' in shown.get_data(as_text=True)
    logout(client)

    partner = db.session.get(EventParticipant, people[1].id)
    login(client, partner.user)
    page = client.get("/notifications/").get_data(as_text=True)
    organisation = db.session.get(EventParticipant, people[0].id).organisation.name
    assert f"Your meeting with Person 0 ({organisation}) at Meet in Italy is cancelled" in page  # who, and from where


def test_the_partner_notice_names_the_organisation_in_both_languages_and_old_ones_still_read(app):
    from flask_babel import force_locale

    from matchmaker.notification_wording import describe
    params = {"event": "Giornata", "name": "Anna Rossi", "organisation": "Dompé"}
    with app.test_request_context():
        english = describe("event_meeting_cancelled", params)
        older = describe("event_meeting_cancelled", {"event": "Giornata", "name": "Anna Rossi"})  # stored before
        with force_locale("it"):
            italian = describe("event_meeting_cancelled", params)
    assert english.startswith("Your meeting with Anna Rossi (Dompé) at Giornata is cancelled")
    assert older.startswith("Your meeting with Anna Rossi at Giornata is cancelled")
    assert italian.startswith("Il tuo incontro con Anna Rossi (Dompé) all’evento «Giornata» è annullato")


def test_the_italian_notice_names_the_meeting(app, client):
    from flask_babel import force_locale

    from matchmaker.notification_wording import describe
    with app.test_request_context(), force_locale("it"):
        cancelled = describe("event_participation_cancelled", {"event": "Giornata"})
        partner = describe("event_meeting_cancelled", {"event": "Giornata", "name": "Anna"})
    assert "Gli organizzatori hanno annullato la tua partecipazione" in cancelled
    assert "Anna" in partner and "annullato" in partner
