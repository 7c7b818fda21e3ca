"""Layout of the organiser's event pages on a phone and a desk, in English and Italian: the participants list reads
as cards (no word broken letter by letter), cancelling asks first, the grid shows organisations and people whole."""
from __future__ import annotations

import pytest

from matchmaker.extensions import db
from matchmaker.models import EventParticipant
from tests.e2e.conftest import log_in, screenshot
from tests.helpers import make_org, make_user
from tests.integration.events.builders import schedule_now, small_event

pytestmark = pytest.mark.e2e
LONG_ORG = "Fondazione IRCCS Istituto Neurologico Carlo Besta"


def _world(live_app) -> int:
    with live_app.app_context():
        organiser = make_user(role="organiser", email="organiser@example.org")
        event, people, _ = small_event(people=4, organiser=organiser)
        for i, person in enumerate(people):
            person.organisation_id = make_org(name=f"{LONG_ORG} {i}").id
            person.name = f"Alessandra Bianchini {i}"
        db.session.commit()
        schedule_now(event)
        return event.id


@pytest.mark.parametrize("width,language", [(390, "en"), (390, "it"), (1280, "en"), (1280, "it")])
def test_participants_and_grid_read_well(browser, live_app, width, language):
    base = live_app.config["LIVE_URL"]
    event_id = _world(live_app)
    context = browser.new_context(viewport={"width": width, "height": 900}, is_mobile=width < 700)
    page = context.new_page()
    page.set_default_timeout(20_000)
    log_in(page, base, "organiser@example.org", language)
    page.goto(f"{base}/events/{event_id}/participants")
    screenshot(page, f"event-participants-{width}-{language}")
    assert page.evaluate("document.scrollingElement.scrollWidth") <= width + 1  # nothing wider than the screen
    link = page.locator("#participants a", has_text=f"{LONG_ORG} 0")
    assert link.bounding_box()["width"] >= 150  # a readable column, not a word broken letter by letter
    page.locator("#participants .cancel-link").first.click()
    page.wait_for_url(lambda url: url.endswith("/cancel"))
    screenshot(page, f"event-cancel-confirm-{width}-{language}")
    with live_app.app_context():
        assert not db.session.scalars(db.select(EventParticipant).where(EventParticipant.cancelled)).first()
    page.locator("#confirm-cancel button[type=submit]").click()
    page.wait_for_url(lambda url: url.endswith("/participants"))
    with live_app.app_context():
        assert len(db.session.scalars(db.select(EventParticipant).where(EventParticipant.cancelled)).all()) == 1
    page.goto(f"{base}/events/{event_id}/schedule")
    screenshot(page, f"event-schedule-{width}-{language}")
    org = page.locator(".agenda-grid .cell-people .org").first
    assert org.inner_text().startswith(LONG_ORG)
    box = org.bounding_box()
    assert box["width"] >= 100 and box["height"] < 100  # wraps onto a few lines, whole words
    assert page.locator(".agenda-grid .cell-people .person").first.inner_text().startswith("Alessandra Bianchini")
    context.close()
