"""The requests tables' column headers never break inside a word ("Direzion / e" at 1280 px in Italian, where long
messages and states squeezed the Direction column): each header fits on one line; on a phone nothing overflows."""
from __future__ import annotations

import pytest

from matchmaker.extensions import db
from matchmaker.models import EventParticipant, MeetingRequest
from tests.e2e.conftest import log_in, screenshot
from tests.helpers import make_org, make_user
from tests.integration.events.builders import small_event

pytestmark = pytest.mark.e2e
LONG = ("Vorremmo parlare di biomarcatori per la sclerosi multipla e di una possibile collaborazione sui dati "
        "clinici raccolti negli ultimi tre anni")

HEADERS_ON_ONE_LINE = """(table) => [...document.querySelectorAll(`#${table} thead th`)].filter(
  th => th.innerText.trim() && !th.querySelector('.visually-hidden')).map(th => {
    const range = document.createRange(); range.selectNodeContents(th);
    const lines = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
    return [th.innerText.trim(), lines.size];
  })"""


def _world(live_app) -> tuple[int, str]:
    with live_app.app_context():
        organiser = make_user(role="organiser", email="organiser@example.org")
        event, people, _ = small_event(people=6, organiser=organiser, accounts=True, pairs=())
        for i, person in enumerate(people):
            person.organisation_id = make_org(name=f"Fondazione IRCCS Istituto Neurologico Carlo Besta {i}").id
            person.name = f"Alessandra Bianchini {i}"
        for other in people[1:]:
            db.session.add(MeetingRequest(event_id=event.id, requester_id=other.id, target_id=people[0].id,
                                          message=LONG, state="declined", decline_reason="other"))
        db.session.commit()
        return event.id, db.session.get(EventParticipant, people[0].id).user.email


@pytest.mark.parametrize("width", [1280, 390])
def test_request_headers_do_not_break_inside_words(browser, live_app, width):
    base = live_app.config["LIVE_URL"]
    event_id, email = _world(live_app)
    context = browser.new_context(viewport={"width": width, "height": 900}, is_mobile=width < 720,
                                  has_touch=width < 720)
    page = context.new_page()
    page.set_default_timeout(20_000)
    log_in(page, base, email, "it")
    page.goto(f"{base}/events/{event_id}/my-requests")
    screenshot(page, f"my-requests-headers-{width}-it")
    assert page.evaluate("document.scrollingElement.scrollWidth") <= width + 1
    if width >= 720:  # on a phone the header row is hidden: each cell carries its label
        headers = page.evaluate(HEADERS_ON_ONE_LINE, "my-requests")
        assert ("Direzione", 1) in [tuple(h) for h in headers], headers
        assert all(lines == 1 for _text, lines in headers), headers
    else:
        labels = page.evaluate("""[...document.querySelectorAll('#my-requests td[data-label]')].map(
            td => getComputedStyle(td, '::before').overflowWrap)""")
        assert labels and all(wrap != "anywhere" for wrap in labels), labels
    context.close()
