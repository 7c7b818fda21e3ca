"""At 390 px, in both languages: the check-in desk on the event day (an arrival of the evening before dated, "Undo
arrival" / "Annulla arrivo" whole on its button) and before the event (when it opens, no buttons), the follow-up's
line on the partner's side, and the page for someone not registered: each fits the phone's width."""
from __future__ import annotations

from datetime import timezone

import pytest

from matchmaker.extensions import db
from matchmaker.models import CheckIn, User
from matchmaker.services import events_day, events_followup
from tests.e2e.conftest import log_in, screenshot
from tests.helpers import make_org, make_user
from tests.integration.events.day_builders import published_day, rome

pytestmark = pytest.mark.e2e
WORDS = {"en": ("Undo arrival", "Check-in opens", "Their organisation has been told", "You are not registered"),
         "it": ("Annulla arrivo", "L’accoglienza apre", "L’organizzazione del tuo interlocutore",
                "Non risulti tra i partecipanti")}


def _fits(page) -> None:
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 391


@pytest.mark.parametrize("language", ["en", "it"])
def test_the_desk_and_the_new_notices_fit_a_phone(phone, live_app, monkeypatch, language):
    moment = {"now": rome(9, 10)}
    monkeypatch.setattr(events_day, "current_time", lambda: moment["now"])
    undo, opens, partner_side, not_registered = WORDS[language]
    with live_app.app_context():
        organiser = make_user(role="organiser", email="desk@example.org")
        event, people, meetings = published_day(organiser=organiser)
        evening_before = rome(18, 40, day=9).astimezone(timezone.utc)
        db.session.add(CheckIn(event_id=event.id, participant_id=people[1].id, arrived_at=evening_before))
        db.session.get(User, people[0].user_id).email = "ada@example.org"
        make_user(organisation_id=make_org().id, email="outsider@example.org")
        db.session.commit()
        event_id, meeting_id, ada = event.id, meetings[0].id, people[0]
        db.session.remove()
    base = live_app.config["LIVE_URL"]
    log_in(phone, base, "desk@example.org", language)
    phone.goto(f"{base}/events/{event_id}/checkin")
    screenshot(phone, f"checkin-day-390-{language}")
    button = phone.locator(f"button:has-text('{undo}')")
    assert button.count() == 1 and button.bounding_box()["height"] < 60  # its words on one or two lines, whole
    assert phone.locator("#checkin-list").inner_text().count("18:40") == 1
    _fits(phone)
    moment["now"] = rome(10, 0, day=1)
    phone.goto(f"{base}/events/{event_id}/checkin")
    screenshot(phone, f"checkin-before-390-{language}")
    assert opens in phone.locator("#checkin-state").inner_text()
    assert phone.locator("#checkin-list button").count() == 0
    _fits(phone)

    moment["now"] = rome(18)
    with live_app.app_context():
        events_followup.answer(db.session.get(type(event), event_id), db.session.merge(ada), meeting_id, "held",
                               wants_to_continue=True)
        db.session.remove()
    log_in(phone, base, "ada@example.org", language)
    phone.goto(f"{base}/events/{event_id}/followup")
    screenshot(phone, f"followup-next-390-{language}")
    assert partner_side in phone.locator(f"#followup-next-{meeting_id}").inner_text()
    _fits(phone)
    log_in(phone, base, "outsider@example.org", language)
    phone.goto(f"{base}/events/{event_id}/suggestions")
    screenshot(phone, f"not-registered-390-{language}")
    assert not_registered in phone.locator("#not-registered").inner_text()
    _fits(phone)
