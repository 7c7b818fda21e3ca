"""End-to-end: on an event's suggested meetings (which load events.css, not review.css) a connected partner's
"Connected" badge looks as it does on the suggestions pages, a green pill, not plain text (found by a walk)."""
from __future__ import annotations

import pytest

from matchmaker.extensions import db
from matchmaker.models import Connection
from matchmaker.services.suggestions import rebuild_all
from tests.e2e.conftest import log_in, screenshot
from tests.integration.events.builders import small_event
from tests.integration.test_suggestions import world

pytestmark = pytest.mark.e2e


def test_the_connected_badge_is_styled_on_the_event_page(phone, live_app):
    base = live_app.config["LIVE_URL"]
    with live_app.app_context():
        company, lab, other = world()
        event, people, _ = small_event(people=3, pairs=(), accounts=True)
        for person, org in zip(people, (company, lab, other)):
            person.organisation_id = person.user.organisation_id = org.id
        db.session.add(Connection(low_id=min(company.id, lab.id), high_id=max(company.id, lab.id)))
        db.session.commit()
        rebuild_all()
        event_id, email = event.id, people[0].user.email
    log_in(phone, base, email, "it")
    phone.goto(f"{base}/events/{event_id}/suggestions")
    badge = phone.locator(".connected-note .badge")
    assert badge.inner_text() == "Collegati"
    style = badge.evaluate("b => { const s = getComputedStyle(b); return [s.backgroundColor, s.color, s.paddingLeft,"
                           " s.borderTopLeftRadius]; }")
    assert style[:2] == ["rgb(23, 96, 47)", "rgb(255, 255, 255)"], style
    assert style[2] != "0px" and style[3] != "0px", style
    screenshot(phone, "event-connected-badge")
