"""The check-in desk follows the event day: open from 18:00 on the evening before the first day (in the event's zone)
to the end of its last slot or its close; before, the page says when it opens and has no buttons; after, the list
is read-only; the service refuses a check-in or an undo outside those hours with the reason. Arrival times carry
their date when it is not today; the undo button says what it undoes."""
from __future__ import annotations

import re

import pytest

from matchmaker.extensions import db
from matchmaker.models import CheckIn
from matchmaker.services import events_checkin, events_day, events_desk
from matchmaker.services.events import Conflict
from tests.helpers import login, make_user, post_form
from tests.integration.events.day_builders import published_day, rome

# published_day: one day, 10 March 2027 (CET), slots 09:00-09:40 and 14:00-15:00


@pytest.fixture
def clock(monkeypatch):
    def freeze(moment):
        monkeypatch.setattr(events_day, "current_time", lambda: moment)
    return freeze


def _desk(app, organiser):
    client = app.test_client()
    login(client, organiser)
    return client


def _arrivals() -> int:
    return db.session.scalar(db.select(db.func.count(CheckIn.id)))


def test_the_service_opens_the_desk_the_evening_before_and_shuts_it_at_the_end(app):
    event, people, _ = published_day()
    with pytest.raises(Conflict) as early:
        events_checkin.check_in(event, people[0], None, rome(10, 0, day=10).replace(month=2, day=3))  # 35 days before
    assert early.value.reason == ("checkin_not_open", {"opens": "2027-03-09T17:00:00+00:00"})
    with pytest.raises(Conflict):
        events_checkin.check_in(event, people[0], None, rome(17, 59, day=9))
    assert events_checkin.check_in(event, people[0], None, rome(18, 0, day=9)) is True  # the evening before
    assert events_checkin.check_in(event, people[1], None, rome(14, 59)) is True
    with pytest.raises(Conflict) as late:
        events_checkin.check_in(event, people[2], None, rome(15, 0))  # the last slot has ended
    assert late.value.reason == ("checkin_over", {"end": "2027-03-10T14:00:00+00:00"})
    with pytest.raises(Conflict):
        events_checkin.undo_check_in(event, people[0], rome(10, 0, day=20))  # the record stands after the event
    assert _arrivals() == 2


def test_a_closed_event_s_desk_is_shut(app, clock):
    from matchmaker.services.events_settings import set_status

    event, people, _ = published_day()
    clock(rome(11, 0))
    set_status(event, "closed")
    db.session.commit()
    assert events_desk.desk(event, rome(11, 5)).state == events_desk.CLOSED
    with pytest.raises(Conflict) as refused:
        events_checkin.check_in(event, people[0], None, rome(11, 5))  # its slots are not over, but it is closed
    assert refused.value.reason == ("checkin_closed", {})


def test_before_the_event_the_page_says_when_check_in_opens_and_offers_no_button(app, clock):
    organiser = make_user(role="organiser")
    event, people, _ = published_day(organiser=organiser)
    clock(rome(10, 0, day=3).replace(month=2))
    desk = _desk(app, organiser)
    page = desk.get(f"/events/{event.id}/checkin").get_data(as_text=True)
    assert "Check-in opens Tue, Mar 9, 2027, 18:00, Rome time (CET)" in page
    assert page.count('<tr id="checkin-') == 4 and "Arrived</button>" not in page
    refused = post_form(desk, f"/events/{event.id}/checkin/{people[0].id}", {}, form_url=f"/events/{event.id}/checkin",
                        follow_redirects=True).get_data(as_text=True)
    assert "Check-in is not open yet: it opens Tue, Mar 9, 2027, 18:00, Rome time (CET)." in refused
    assert _arrivals() == 0


def test_after_the_event_the_list_is_read_only_and_arrivals_carry_their_date(app, clock):
    organiser = make_user(role="organiser")
    event, people, _ = published_day(organiser=organiser)
    events_checkin.check_in(event, people[0], None, rome(18, 40, day=9))
    events_checkin.check_in(event, people[1], None, rome(8, 50))
    desk = _desk(app, organiser)
    clock(rome(9, 5))
    during = desk.get(f"/events/{event.id}/checkin").get_data(as_text=True)
    assert re.search(rf'id="checkin-{people[0].id}".*?Tue, Mar 9, 2027, 18:40', during, re.S)  # yesterday: dated
    assert re.search(rf'id="checkin-{people[1].id}".*?<td data-label="Arrived">08:50</td>', during, re.S)  # today
    assert during.count("Undo arrival</button>") == 2 and during.count("Arrived</button>") == 2
    assert during.count(">not yet<") == 2 and "times: Rome time" in during  # the zone its times are in
    clock(rome(10, 0, day=20))
    after = desk.get(f"/events/{event.id}/checkin").get_data(as_text=True)
    assert "Check-in is over: the event ended Wed, Mar 10, 2027, 15:00." in after
    assert after.count('<tr id="checkin-') == 4 and "</button>" not in after.split('id="checkin-list"')[1]
    assert "Wed, Mar 10, 2027, 08:50" in after and "2 of 4 participants have arrived" in after
    assert after.count(">did not arrive<") == 2 and "not yet" not in after  # the record, not a wait
    refused = post_form(desk, f"/events/{event.id}/checkin/{people[0].id}", {"undo": "1"},
                        form_url=f"/events/{event.id}/checkin", follow_redirects=True).get_data(as_text=True)
    assert "Check-in is over: the event ended Wed, Mar 10, 2027, 15:00" in refused and _arrivals() == 2


def test_the_desk_s_hours_and_undo_in_italian(app, clock):
    organiser = make_user(role="organiser", locale="it")
    event, people, _ = published_day(organiser=organiser)
    events_checkin.check_in(event, people[0], None, rome(8, 50))
    desk = _desk(app, organiser)
    clock(rome(9, 5))
    page = desk.get(f"/events/{event.id}/checkin").get_data(as_text=True)
    assert "Annulla arrivo</button>" in page and ">Annulla</button>" not in page
    clock(rome(10, 0, day=3).replace(month=2))
    before = desk.get(f"/events/{event.id}/checkin").get_data(as_text=True)
    assert "L’accoglienza apre mar 9 mar 2027, 18:00, ora di Roma (CET)" in before
    clock(rome(10, 0, day=20))
    after = desk.get(f"/events/{event.id}/checkin").get_data(as_text=True)
    assert "L’accoglienza è chiusa: l’evento è finito mer 10 mar 2027, 15:00." in after
    assert "mer 10 mar 2027, 08:50" in after
