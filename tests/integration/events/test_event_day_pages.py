"""The event-day pages with a frozen clock: My day (the participant's own only), reporting a no-show from it, the
organisers' check-in desk (theirs only) and the no-shows it lists."""
from __future__ import annotations

import re

import pytest

from matchmaker.extensions import db
from matchmaker.models import CheckIn, EventParticipant, NoShow, User
from matchmaker.services import events_day
from tests.helpers import login, make_user, post_form
from tests.integration.events.day_builders import published_day, rome


@pytest.fixture
def clock(monkeypatch):
    """Freeze the event-day clock: `clock(moment)` sets what the pages take as now."""
    def freeze(moment):
        monkeypatch.setattr(events_day, "current_time", lambda: moment)
    freeze(rome(9, 5))
    return freeze


def _as(app, participant: EventParticipant):
    client = app.test_client()
    login(client, db.session.get(User, participant.user_id))
    return client


def _section(html: str, section_id: str) -> str:
    found = re.search(rf'<section[^>]*id="{section_id}".*?</section>', html, re.S)
    return found.group(0) if found else ""


def test_my_day_shows_the_current_and_next_meeting(app, clock):
    organiser = make_user(role="organiser")
    event, people, _ = published_day(organiser=organiser, message="About your organoids",
                                     virtual_link="https://meet.example.org/room-b")
    db.session.add(CheckIn(event_id=event.id, participant_id=people[2].id))
    db.session.commit()
    clock(rome(9, 5))
    html = _as(app, people[0]).get(f"/events/{event.id}/day").get_data(as_text=True)
    now, nxt = _section(html, "current-meeting"), _section(html, "next-meeting")
    assert "09:00–09:20" in now and "Person 1" in now and "About your organoids" in now and "Message from" in now
    assert "Table T1" in now and "not checked in yet" in now and "My partner did not come" in now
    assert "09:20–09:40" in nxt and "Person 2" in nxt and "arrived" in nxt and "did not come" not in nxt
    assert "Rome time" in html and "updated at 09:05" in html
    assert 'src="/static/js/day.js"' in html and "<script>" not in html and "style=" not in html
    clock(rome(15, 30))
    html = _as(app, people[0]).get(f"/events/{event.id}/day").get_data(as_text=True)
    assert "No more meetings today." in html and 'id="current-meeting"' not in html and 'id="next-meeting"' not in html


def test_a_virtual_meeting_shows_its_room_link(app, clock):
    event, people, _ = published_day(virtual_link="https://meet.example.org/room-b")
    clock(rome(9, 1))  # Persons 2 and 3 meet at 09:00 in the virtual room
    html = _as(app, people[2]).get(f"/events/{event.id}/day").get_data(as_text=True)
    assert 'href="https://meet.example.org/room-b"' in _section(html, "current-meeting")
    assert "Join the virtual room" in html


def test_before_the_event_my_day_says_when_it_starts(app, clock):
    event, people, _ = published_day()
    clock(rome(10, 0, day=2))
    html = _as(app, people[0]).get(f"/events/{event.id}/day").get_data(as_text=True)
    assert "The event starts on Wed, Mar 10, 2027." in html and "My partner did not come" not in html
    assert "not checked in yet" not in html  # arrival means nothing before the day


def test_my_day_is_only_the_participant_s_own(app, clock):
    organiser = make_user(role="organiser")
    event, people, _ = published_day(organiser=organiser)
    html = _as(app, people[3]).get(f"/events/{event.id}/day").get_data(as_text=True)
    assert "Person 2" in html and "Person 1" not in html  # Person 3 meets 2 and 0, never 1
    for user in (organiser, make_user()):  # an organiser taking no part, a stranger
        client = app.test_client()
        login(client, user)
        assert client.get(f"/events/{event.id}/day").status_code == 404


def test_the_event_page_and_the_agenda_link_to_my_day(app, clock):
    event, people, _ = published_day()
    client = _as(app, people[0])
    for page in ("/", "/agenda"):
        assert f'href="/events/{event.id}/day"' in client.get(f"/events/{event.id}{page}").get_data(as_text=True)


def test_reporting_a_no_show_from_my_day(app, clock):
    organiser = make_user(role="organiser")
    event, people, meetings = published_day(organiser=organiser)
    client = _as(app, people[0])
    url = f"/events/{event.id}/day/meetings/{meetings[0].id}/no-show"
    clock(rome(8, 55))
    refused = post_form(client, url, {}, form_url=f"/events/{event.id}/day", follow_redirects=True)
    assert "has not started yet" in refused.get_data(as_text=True)
    clock(rome(9, 10))
    done = post_form(client, url, {}, form_url=f"/events/{event.id}/day", follow_redirects=True)
    assert "You reported that your partner did not come." in done.get_data(as_text=True)
    other = f"/events/{event.id}/day/meetings/{meetings[1].id}/no-show"  # Persons 2 and 3's meeting
    post_form(client, other, {}, form_url=f"/events/{event.id}/day")
    assert [(r.meeting_id, r.absent_id) for r in db.session.scalars(db.select(NoShow))] == \
        [(meetings[0].id, people[1].id)]
    desk = app.test_client()
    login(desk, organiser)
    listed = desk.get(f"/events/{event.id}/checkin").get_data(as_text=True)
    assert re.search(r'id="no-show-list".*Person 1.*Person 0', listed, re.S)
    post_form(client, url, {"undo": "1"}, form_url=f"/events/{event.id}/day")
    assert db.session.scalar(db.select(db.func.count(NoShow.id))) == 0


def test_the_check_in_desk(app, clock):
    organiser = make_user(role="organiser")
    event, people, _ = published_day(organiser=organiser)
    people[1].organisation.name = "Brianza Pharma"
    db.session.commit()
    desk = app.test_client()
    login(desk, organiser)
    page = desk.get(f"/events/{event.id}/checkin").get_data(as_text=True)
    assert "0 of 4 participants have arrived" in page and page.count('<tr id="checkin-') == 4
    found = desk.get(f"/events/{event.id}/checkin?q=brianza").get_data(as_text=True)
    assert found.count('<tr id="checkin-') == 1 and f'id="checkin-{people[1].id}"' in found
    url = f"/events/{event.id}/checkin/{people[1].id}"
    back = post_form(desk, url, {"q": "brianza"}, form_url=f"/events/{event.id}/checkin")
    assert back.status_code == 302 and back.headers["Location"].endswith("/checkin?q=brianza")
    assert "1 of 4 participants have arrived" in desk.get(f"/events/{event.id}/checkin").get_data(as_text=True)
    clock(rome(8, 50))
    mine = _as(app, people[0]).get(f"/events/{event.id}/day").get_data(as_text=True)
    assert "arrived" in _section(mine, "next-meeting").replace("not checked in yet", "")
    post_form(desk, url, {"undo": "1"}, form_url=f"/events/{event.id}/checkin")
    assert db.session.scalar(db.select(db.func.count(CheckIn.id))) == 0


def test_only_the_event_s_organisers_check_people_in(app, clock):
    organiser, other_organiser = make_user(role="organiser"), make_user(role="organiser")
    event, people, _ = published_day(organiser=organiser)
    participant = _as(app, people[0])
    assert participant.get(f"/events/{event.id}/checkin").status_code == 403
    url = f"/events/{event.id}/checkin/{people[0].id}"
    assert post_form(participant, url, {}, form_url=f"/events/{event.id}/day").status_code == 403
    stranger = app.test_client()
    login(stranger, other_organiser)
    assert stranger.get(f"/events/{event.id}/checkin").status_code == 404
    assert db.session.scalar(db.select(db.func.count(CheckIn.id))) == 0
    desk = app.test_client()
    login(desk, organiser)
    other_event, others, _ = published_day(organiser=other_organiser)
    # a participant of another event through this event's address: 404, nothing recorded
    assert post_form(desk, f"/events/{event.id}/checkin/{others[0].id}", {},
                     form_url=f"/events/{event.id}/checkin").status_code == 404
    assert db.session.scalar(db.select(db.func.count(CheckIn.id))) == 0


def test_my_day_and_the_desk_in_italian(app, clock):
    organiser = make_user(role="organiser", locale="it")
    event, people, meetings = published_day(organiser=organiser, message="Parliamo di organoidi")
    db.session.get(User, people[0].user_id).locale = "it"
    db.session.commit()
    clock(rome(9, 5))
    html = _as(app, people[0]).get(f"/events/{event.id}/day").get_data(as_text=True)
    assert "La mia giornata" in html and "Adesso" in html and "<h2 id=\"next-title\">Prossimo</h2>" in html
    assert "arrivo non ancora registrato" in html and "Il mio interlocutore non si è presentato" in html
    assert "ora di Roma" in html and "aggiornato alle 09:05" in html and "Messaggio di Person 1" in html
    clock(rome(10, 0, day=2))
    assert "L’evento inizia mer 10 mar 2027." in _as(app, people[0]).get(f"/events/{event.id}/day").get_data(
        as_text=True)
    desk = app.test_client()
    login(desk, organiser)
    page = desk.get(f"/events/{event.id}/checkin").get_data(as_text=True)
    assert "Accoglienza" in page and "Arrivi: 0 su 4 partecipanti" in page and "Assenze segnalate" in page


def test_the_personal_data_download_has_one_s_own_event_day_records(app, clock):
    import json

    event, people, meetings = published_day()
    from matchmaker.services import events_checkin

    events_checkin.check_in(event, people[0], None, rome(8, 45))
    events_checkin.report_no_show(people[0], meetings[0].id, rome(9, 5))  # Person 1 did not come
    events_checkin.report_no_show(people[3], meetings[3].id, rome(14, 5))  # Person 3 says Person 0 did not come
    events_checkin.report_no_show(people[2], meetings[1].id, rome(9, 5))  # between two others
    client = _as(app, people[0])
    [mine] = json.loads(client.get("/privacy/data.json").get_data(as_text=True))["event_participations"]
    assert mine["checked_in_at"] is not None
    assert mine["no_shows_reported"] == [{"meeting_starts_at": "2027-03-10T08:00:00+00:00", "partner": "Person 1"}]
    assert mine["reported_absent_from"] == [{"meeting_starts_at": "2027-03-10T13:00:00+00:00"}]


def test_once_closed_my_day_says_so_and_only_meetings_begun_before_the_close_are_reported(app, clock):
    from matchmaker.services.events_settings import set_status

    event, people, meetings = published_day()
    client = _as(app, people[0])
    clock(rome(9, 25))  # the 09:20 meeting is under way; 14:00 is ahead
    set_status(event, "closed")
    db.session.commit()
    clock(rome(9, 30))
    page = client.get(f"/events/{event.id}/day").get_data(as_text=True)
    assert "closed the event" in page
    assert not _section(page, "next-meeting") and not _section(page, "current-meeting")
    assert "did not take place (the event was closed before it)" in page
    shown = client.get(f"/events/{event.id}/").get_data(as_text=True)
    assert 'id="my-day-link"' not in shown and 'id="followup-link"' in shown
    later = f"/events/{event.id}/day/meetings/{meetings[3].id}/no-show"  # 14:00, after the close
    refused = post_form(client, later, {}, form_url=f"/events/{event.id}/day", follow_redirects=True)
    assert "closed the event before this meeting began" in refused.get_data(as_text=True)
    clock(rome(14, 5))  # even once its time has come
    post_form(client, later, {}, form_url=f"/events/{event.id}/day")
    begun = f"/events/{event.id}/day/meetings/{meetings[2].id}/no-show"  # 09:20, begun before the close
    post_form(client, begun, {}, form_url=f"/events/{event.id}/day")
    assert [r.meeting_id for r in db.session.scalars(db.select(NoShow))] == [meetings[2].id]


def test_contradictory_no_shows_are_one_meeting_flagged_together(app, clock):
    organiser = make_user(role="organiser")
    event, people, meetings = published_day(organiser=organiser)
    url = f"/events/{event.id}/day/meetings/{meetings[0].id}/no-show"
    clock(rome(9, 10))
    for person in (people[0], people[1]):  # each says the other did not come
        post_form(_as(app, person), url, {}, form_url=f"/events/{event.id}/day")
    desk = app.test_client()
    login(desk, organiser)
    page = desk.get(f"/events/{event.id}/checkin").get_data(as_text=True)
    assert "1 meeting reported by a participant" in page and "2 meetings" not in page
    assert page.count('class="no-show-contested"') == 2 and page.count("each says the other did not come") == 2


def test_the_check_in_counts_agree_with_their_number_in_italian(app, clock):
    organiser = make_user(role="organiser", locale="it")
    event, people, _ = published_day(organiser=organiser)
    for person in people[1:]:
        person.cancelled = True
    db.session.add(CheckIn(event_id=event.id, participant_id=people[0].id))
    db.session.commit()
    desk = app.test_client()
    login(desk, organiser)
    page = desk.get(f"/events/{event.id}/checkin").get_data(as_text=True)
    assert "Arrivi: 1 su 1 partecipante<" in page
    found = desk.get(f"/events/{event.id}/checkin?q=person").get_data(as_text=True)
    assert "Corrispondenze per “person”: 1 su 1 partecipante." in found


def test_a_no_show_reported_after_the_close_is_marked_on_the_desk(app, clock):
    from matchmaker.models.event import CLOSED
    from matchmaker.services import events_checkin
    from matchmaker.services.events_settings import set_status

    organiser = make_user(role="organiser")
    event, people, meetings = published_day(organiser=organiser)
    clock(rome(9, 10))
    events_checkin.report_no_show(people[0], meetings[0].id, rome(9, 10))  # during the event
    clock(rome(9, 30))
    set_status(event, CLOSED)
    db.session.commit()
    clock(rome(18))
    events_checkin.report_no_show(people[2], meetings[2].id, rome(18))  # 09:20, begun before the close
    reports = {r["meeting_id"]: r for r in events_checkin.no_shows(event)}
    assert not reports[meetings[0].id]["after_close"] and reports[meetings[2].id]["after_close"]
    desk = app.test_client()
    login(desk, organiser)
    page = desk.get(f"/events/{event.id}/checkin").get_data(as_text=True)
    assert page.count("reported after the close") == 1
