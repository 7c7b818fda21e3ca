"""At 390 px: a no-show card's "(checked in)" stays beside the name it qualifies (a stacked card's cell is a
two-column grid: loose inline pieces would each take a grid cell of their own), and every state filter shows its
longest option whole, in Italian too."""
from __future__ import annotations

import pytest

from matchmaker.extensions import db
from matchmaker.models import CheckIn, MeetingRequest
from matchmaker.services import events_checkin, events_day
from tests.e2e.conftest import log_in, screenshot
from tests.e2e.test_filter_layout import MEASURE
from tests.e2e.test_review import populate
from tests.helpers import make_user
from tests.integration.events.day_builders import published_day, rome

pytestmark = pytest.mark.e2e
STATE_MEASURE = MEASURE.replace(".filters select", "select[name=state]")


def test_a_no_show_card_keeps_checked_in_beside_the_name(phone, live_app, monkeypatch):
    monkeypatch.setattr(events_day, "current_time", lambda: rome(9, 10))
    with live_app.app_context():
        organiser = make_user(role="organiser", email="desk@example.org")
        event, people, meetings = published_day(organiser=organiser)
        db.session.add(CheckIn(event_id=event.id, participant_id=people[1].id))
        db.session.commit()
        events_checkin.report_no_show(people[0], meetings[0].id, rome(9, 10))
        event_id = event.id
        db.session.remove()
    base = live_app.config["LIVE_URL"]
    log_in(phone, base, "desk@example.org", "en")
    phone.goto(f"{base}/events/{event_id}/checkin")
    screenshot(phone, "checkin-no-shows-390")
    cell = phone.locator("#no-show-list td[data-label='Did not come']").first
    mark = cell.locator("text=(checked in)")
    label_right = cell.bounding_box()["x"] + 9 * 16  # the label's column is 9rem
    assert mark.bounding_box()["x"] >= label_right - 1  # in the value's column, after the name
    assert mark.bounding_box()["height"] < 30  # one line, not broken in two
    assert phone.evaluate("document.scrollingElement.scrollWidth") <= 391


def _cut(page) -> list:
    widths = page.evaluate(STATE_MEASURE)
    assert widths
    return [(name, width, round(needed)) for name, width, needed in widths if width < needed + 20]  # + the arrow


@pytest.mark.parametrize("language", ["en", "it"])
def test_the_state_filters_show_their_longest_option_whole_on_a_phone(browser, live_app, language):
    base = live_app.config["LIVE_URL"]
    populate(live_app)
    with live_app.app_context():
        organiser = make_user(role="organiser", email="desk@example.org")
        event, people, _ = published_day(organiser=organiser)
        db.session.add(MeetingRequest(event_id=event.id, requester_id=people[2].id, target_id=people[1].id))
        db.session.commit()
        event_id = event.id
        db.session.remove()
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.set_default_timeout(20_000)
    log_in(page, base, "tto@liverlab.example", language)
    page.goto(base + "/matches/")
    screenshot(page, f"matches-state-390-{language}")
    assert not _cut(page)
    log_in(page, base, "desk@example.org", language)
    page.goto(f"{base}/events/{event_id}/requests")
    screenshot(page, f"requests-state-390-{language}")
    assert not _cut(page)
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 391
    context.close()
