"""Changing an event's days, sessions, slot length, breaks and tables on the manage page: regenerated while nothing
is placed (dropping the unavailability marks of removed slots), refused once meetings are placed (names may change)."""
from __future__ import annotations

from datetime import date

from matchmaker.extensions import db
from matchmaker.models import Event, Unavailability
from matchmaker.services.events_rules import generate_slots
from tests.helpers import csrf_token, login, make_user
from tests.integration.events.builders import small_event

GRID = {"first_day": "2027-03-10", "days": "1", "am_start": "09:00", "am_end": "10:00", "pm_start": "14:00",
        "pm_end": "15:00", "breaks": "", "slot_minutes": "20", "tables": "T1\nT2"}


def _post_grid(client, event_id: int, refused: bool = False, **changes):
    """The manage page after posting the grid: saved (a redirect), or refused by a rule (shown at once, with the grid
    as typed: test_manage_refused_notice)."""
    url = f"/events/{event_id}/manage"
    data = {f"grid-{k}": v for k, v in (GRID | changes).items()} | {"grid-csrf_token": csrf_token(client, url)}
    response = client.post(url, data=data)
    assert response.status_code == (200 if refused else 302), response.get_data(as_text=True)[:3000]
    return response.get_data(as_text=True) if refused else client.get(url).get_data(as_text=True)


def _utc(moment):
    from datetime import timezone

    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def test_the_grid_is_regenerated_while_nothing_is_placed(client):
    organiser = make_user(role="organiser")
    event, people, _meetings = small_event(organiser=organiser)
    kept, removed = event.slots[0], event.slots[2]  # 09:00 stays, 09:40 goes
    db.session.add_all([Unavailability(participant_id=people[0].id, slot_id=kept.id),
                        Unavailability(participant_id=people[1].id, slot_id=removed.id)])
    db.session.commit()
    kept_id = kept.id
    login(client, organiser)
    page = client.get(f"/events/{event.id}/manage").get_data(as_text=True)
    assert 'name="grid-am_end"' in page and 'value="10:00"' in page
    page = _post_grid(client, event.id, days="2", am_end="09:40", breaks="14:20-14:40",
                      tables="Hall A\nOnline | https://meet.example.org/x\nHall C")
    event = db.session.get(Event, event.id)
    expected = generate_slots([date(2027, 3, 10), date(2027, 3, 11)],
                              [("am", "09:00", "09:40"), ("pm", "14:00", "15:00")], 20, [("14:20", "14:40")],
                              "Europe/Rome")
    assert [(_utc(s.starts_at), _utc(s.ends_at), s.day, s.session, s.index) for s in event.slots] == \
        [(g.starts_at, g.ends_at, g.day, g.session, i) for i, g in enumerate(expected)]
    assert len(event.slots) == 8 and event.slots[0].id == kept_id
    assert [(t.name, t.virtual, t.link) for t in event.tables] == [
        ("Hall A", False, ""), ("Online", True, "https://meet.example.org/x"), ("Hall C", False, "")]
    marks = db.session.execute(db.select(Unavailability.participant_id, Unavailability.slot_id)).all()
    assert marks == [(people[0].id, kept_id)]
    assert "Grid saved: 8 slots and 3 tables." in page
    assert "1 unavailability marks on removed slots were dropped." in page


def test_once_a_meeting_is_placed_the_grid_is_refused_but_tables_may_be_renamed(client):
    organiser = make_user(role="organiser")
    event, people, meetings = small_event(organiser=organiser)
    meeting = meetings[0]
    meeting.slot_id, meeting.table_id = event.slots[0].id, event.tables[0].id
    for seat in meeting.seats:
        seat.slot_id = event.slots[0].id
    db.session.commit()
    login(client, organiser)
    for change in ({"slot_minutes": "30"}, {"days": "2"}, {"tables": "T1\nT2\nT3"}):
        page = _post_grid(client, event.id, refused=True, **change)
        assert "The slots and tables were not changed: meetings are already placed" in page, change
    event = db.session.get(Event, event.id)
    assert len(event.slots) == 6 and len(event.tables) == 2 and event.slot_minutes == 20
    page = _post_grid(client, event.id, tables="Hall A\nOnline | https://meet.example.org/y")
    assert "Grid saved: 6 slots and 2 tables." in page
    event = db.session.get(Event, event.id)
    assert [(t.name, t.link) for t in event.tables] == [("Hall A", ""), ("Online", "https://meet.example.org/y")]
    assert db.session.get(type(meeting), meeting.id).table_id == event.tables[0].id
    # in Italian the refusal is translated
    response = client.post(f"/events/{event.id}/manage", headers={"Accept-Language": "it"}, data={
        f"grid-{k}": v for k, v in (GRID | {"days": "2"}).items()} | {
        "grid-csrf_token": csrf_token(client, f"/events/{event.id}/manage")})
    assert response.status_code == 200 and "Lo schema" in response.get_data(as_text=True)
