"""The request pages on a phone: one card per request, nothing wider than the screen, no word broken letter by
letter, and Accept / reason / Decline each full width and tappable."""
from __future__ import annotations

import pytest

from matchmaker.extensions import db
from matchmaker.models import EventParticipant, MeetingRequest
from tests.e2e.conftest import log_in, screenshot
from tests.helpers import make_org, make_user
from tests.integration.events.builders import small_event

pytestmark = pytest.mark.e2e
LONG_ORG = "Fondazione IRCCS Istituto Neurologico Carlo Besta"


def _world(live_app) -> tuple[int, str]:
    with live_app.app_context():
        organiser = make_user(role="organiser", email="organiser@example.org")
        event, people, _ = small_event(organiser=organiser, accounts=True, pairs=())
        for i, person in enumerate(people):
            person.organisation_id = make_org(name=f"{LONG_ORG} {i}").id
            person.name = f"Alessandra Bianchini {i}"
        db.session.add(MeetingRequest(event_id=event.id, requester_id=people[1].id, target_id=people[0].id,
                                      message="Vorremmo parlare di biomarcatori per la sclerosi multipla"))
        db.session.commit()
        return event.id, db.session.get(EventParticipant, people[0].id).user.email


def _readable(page, table: str, width: int) -> None:
    assert page.evaluate("document.scrollingElement.scrollWidth") <= width + 1
    cell = page.locator(f"#{table} td", has_text="Alessandra Bianchini 1").first
    assert cell.bounding_box()["width"] >= 200  # a card row, not a column a few letters wide


@pytest.mark.parametrize("language", ["en", "it"])
def test_request_pages_read_as_cards_on_a_phone(browser, live_app, language):
    base = live_app.config["LIVE_URL"]
    event_id, email = _world(live_app)
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.set_default_timeout(20_000)
    log_in(page, base, email, language)
    page.goto(f"{base}/events/{event_id}/my-requests")
    screenshot(page, f"my-requests-390-{language}")
    _readable(page, "my-requests", 390)
    for control in ("button[value=accept]", "select[name=reason]", "button[value=decline]"):
        box = page.locator(f"#my-requests .answer-form {control}").bounding_box()
        assert box["width"] >= 250 and box["height"] >= 40, (control, box)
    page.locator("#my-requests select[name=reason]").select_option(index=1)
    page.locator("#my-requests button[value=decline]").click()
    page.wait_for_load_state()
    with live_app.app_context():
        assert db.session.scalars(db.select(MeetingRequest)).one().state == "declined"
    context.close()
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.set_default_timeout(20_000)
    log_in(page, base, "organiser@example.org", language)
    page.goto(f"{base}/events/{event_id}/requests")
    screenshot(page, f"requests-390-{language}")
    _readable(page, "requests", 390)
    context.close()
