"""On a phone, a meeting number in the unplaced list and a table name in the agenda stay on one line (the walk:
"427" stacked digit by digit, "Tavolo A" broken in two)."""
from __future__ import annotations

import pytest

from matchmaker.extensions import db
from matchmaker.models import Event, EventParticipant, EventTable, Meeting
from matchmaker.services.events_publish import publish
from tests.e2e.conftest import log_in, screenshot
from tests.helpers import make_org, make_user
from tests.integration.events.builders import schedule_now, small_event

pytestmark = pytest.mark.e2e
LONG = "Fondazione IRCCS Istituto Neurologico Carlo Besta e Policlinico di Milano"
# the text's line boxes: one when it does not wrap
ONE_LINE = "(sel) => { const range = document.createRange(); range.selectNodeContents(document.querySelector(sel)); " \
           "const tops = new Set([...range.getClientRects()].map(r => Math.round(r.top))); " \
           "return tops.size === 1 ? true : tops.size; }"


def _world(live_app) -> tuple[int, int]:
    with live_app.app_context():
        organiser = make_user(role="organiser", email="organiser@example.org")
        member = make_user(email="member@example.org", organisation_id=make_org(name=f"{LONG} 9").id)
        event, people, meetings = small_event(people=4, organiser=organiser, pairs=((0, 1), (2, 3)))
        for i, person in enumerate(people):
            person.organisation_id = make_org(name=f"{LONG} {i}").id
            person.name = f"Alessandra Bianchini-Castelnuovo {i}"
        people[0].user_id = member.id
        for table in db.session.scalars(db.select(EventTable).where(EventTable.event_id == event.id)):
            table.name = f"Tavolo {'AB'[table.index]}"
        db.session.commit()
        schedule_now(event)
        publish(db.session.get(Event, event.id))
        unplaced = Meeting(event_id=event.id, number=427)
        unplaced.seats = []
        db.session.add(unplaced)
        db.session.flush()
        from matchmaker.models import MeetingSeat

        db.session.add_all([MeetingSeat(meeting_id=unplaced.id, participant_id=people[1].id),
                            MeetingSeat(meeting_id=unplaced.id, participant_id=people[2].id)])
        db.session.commit()
        return event.id, db.session.get(EventParticipant, people[0].id).id


def _phone_page(browser, base: str, width: int, email: str, language: str, path: str):
    context = browser.new_context(viewport={"width": width, "height": 800}, is_mobile=True)
    page = context.new_page()
    page.set_default_timeout(20_000)
    log_in(page, base, email, language)
    page.goto(f"{base}{path}")
    return context, page


@pytest.mark.parametrize("language", ["en", "it"])
def test_numbers_and_table_names_do_not_wrap_on_a_phone(browser, live_app, language):
    base = live_app.config["LIVE_URL"]
    event_id, _me = _world(live_app)
    context, page = _phone_page(browser, base, 360, "organiser@example.org", language, f"/events/{event_id}/schedule")
    screenshot(page, f"unplaced-number-360-{language}")
    assert page.inner_text("#unplaced td.num") == "427"
    assert page.evaluate(ONE_LINE, "#unplaced td.num") is True
    context.close()
    context, page = _phone_page(browser, base, 320, "member@example.org", language, f"/events/{event_id}/agenda")
    screenshot(page, f"agenda-table-320-{language}")
    assert "Tavolo" in page.inner_text(".agenda-table")
    assert page.evaluate(ONE_LINE, ".agenda-table") is True
    context.close()
