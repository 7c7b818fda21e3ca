"""The event day's service with a frozen clock: which meeting is under way and next, in the event's time zone, on
the day, before and after the event; partners' check-in; no-show reports and their rules."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest
from sqlalchemy.exc import IntegrityError

from matchmaker.extensions import db
from matchmaker.models import CheckIn, Event, NoShow
from matchmaker.services import events_checkin
from matchmaker.services.events import Conflict
from matchmaker.services.events_day import BEFORE, BETWEEN, NOW, OVER, PAST, TODAY, UNPUBLISHED, UPCOMING, my_day
from tests.integration.events.builders import small_event
from tests.integration.events.day_builders import published_day, rome


def _partner(item) -> str:
    return item["partners"][0]["name"]


def test_during_a_meeting_it_is_current_and_the_following_one_is_next(app):
    event, people, _ = published_day(message="Shall we talk about organoids?")
    day = my_day(event, people[0], rome(9, 5))
    assert day.state == TODAY and day.day.isoformat() == "2027-03-10"
    assert _partner(day.current) == "Person 1" and day.current["message"]["text"] == "Shall we talk about organoids?"
    assert _partner(day.next) == "Person 2" and day.next_is_today
    expected = [("Person 1", NOW), ("Person 2", UPCOMING), ("Person 3", UPCOMING)]
    assert [(_partner(i), i["when"]) for i in day.meetings] == expected
    assert day.current["start"].strftime("%H:%M %z") == "09:00 +0100"  # shown in the event's zone


def test_a_meeting_is_current_from_its_start_to_its_end(app):
    event, people, _ = published_day()
    at_start = my_day(event, people[0], rome(9, 20))
    assert _partner(at_start.current) == "Person 2" and at_start.meetings[0]["when"] == PAST
    gap = my_day(event, people[0], rome(10, 30))  # between the sessions
    assert gap.current is None and _partner(gap.next) == "Person 3" and gap.next_is_today


def test_after_the_last_meeting_there_are_no_more_today(app):
    event, people, _ = published_day()
    day = my_day(event, people[0], rome(15, 1))
    assert day.state == TODAY and day.current is None and day.next is None
    assert all(i["when"] == PAST and i["can_report"] for i in day.meetings)


def test_the_clock_is_read_in_the_event_s_zone_not_utc(app):
    event, people, _ = published_day()
    # 23:30 UTC on 9 March is already 00:30 on the event's day in Rome
    day = my_day(event, people[0], datetime(2027, 3, 9, 23, 30, tzinfo=timezone.utc))
    assert day.state == TODAY and day.current is None and _partner(day.next) == "Person 1"
    same = my_day(event, people[0], datetime(2027, 3, 10, 8, 5, tzinfo=timezone.utc))  # 09:05 in Rome
    assert _partner(same.current) == "Person 1"


def test_before_and_after_the_event(app):
    event, people, _ = published_day()
    before = my_day(event, people[0], rome(18, 0, day=9))
    assert before.state == BEFORE and before.day.isoformat() == "2027-03-10" and len(before.meetings) == 3
    assert before.current is None and _partner(before.next) == "Person 1"
    assert not any(i["can_report"] for i in before.meetings)
    after = my_day(event, people[0], rome(9, 0, day=11))
    assert after.state == OVER and after.day.isoformat() == "2027-03-10" and after.next is None
    assert all(i["can_report"] for i in after.meetings)


def test_a_day_between_two_event_days_has_no_meetings(app):
    from datetime import date

    from matchmaker.services.events_import import create_event

    event = create_event("Two days", "Europe/Rome", [date(2027, 3, 10), date(2027, 3, 12)],
                         [("am", "09:00", "10:00")], 20, [], [("T1", False, "")], status="requests")
    event.published_version = 1
    db.session.commit()
    day = my_day(event, small_event(people=1, pairs=())[1][0], rome(12, 0, day=11))
    assert day.state == BETWEEN and day.meetings == [] and day.current is None


def test_an_unpublished_agenda_shows_nothing(app):
    event, people, _ = small_event()
    day = my_day(event, people[0], rome(9, 5))
    assert day.state == UNPUBLISHED and day.meetings == [] and day.first_day.isoformat() == "2027-03-10"


def test_partners_arrival_follows_the_check_in(app):
    event, people, _ = published_day()
    assert not my_day(event, people[0], rome(8, 50)).next["partners"][0]["arrived"]
    assert events_checkin.check_in(event, people[1], None, rome(8, 45)) is True
    assert events_checkin.check_in(event, people[1], None, rome(8, 45)) is False  # already arrived: nothing changes
    day = my_day(event, people[0], rome(8, 50))
    assert [p["arrived"] for i in day.meetings for p in i["partners"]] == [True, False, False]
    assert events_checkin.counts(event) == {"arrived": 1, "registered": 4}
    assert events_checkin.undo_check_in(event, people[1], rome(8, 46)) is True
    assert events_checkin.undo_check_in(event, people[1], rome(8, 46)) is False
    assert events_checkin.counts(event)["arrived"] == 0


def test_one_check_in_per_participant_is_a_database_rule(app):
    event, people, _ = published_day()
    db.session.add_all([CheckIn(event_id=event.id, participant_id=people[0].id),
                        CheckIn(event_id=event.id, participant_id=people[0].id)])
    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()


def test_a_cancelled_participant_cannot_be_checked_in(app):
    event, people, _ = published_day()
    people[3].cancelled = True
    db.session.commit()
    with pytest.raises(Conflict):
        events_checkin.check_in(event, people[3], None, rome(8, 45))
    assert events_checkin.counts(event) == {"arrived": 0, "registered": 3}


def test_the_roster_finds_people_by_name_or_organisation(app):
    event, people, _ = published_day()
    people[2].organisation.name = "Brianza Pharma"
    db.session.commit()
    rows, total = events_checkin.roster(event, "brianza")
    assert total == 1 and rows[0]["participant"].id == people[2].id
    rows, total = events_checkin.roster(event, "PERSON")
    assert total == 4 and [r["participant"].name for r in rows] == ["Person 0", "Person 1", "Person 2", "Person 3"]
    events_checkin.check_in(event, people[0], None, rome(8, 45))
    assert events_checkin.roster(event, "person 0")[0][0]["arrived_at"] is not None


def test_a_no_show_is_reported_once_the_meeting_has_begun(app):
    event, people, meetings = published_day()
    with pytest.raises(Conflict) as refused:
        events_checkin.report_no_show(people[0], meetings[0].id, rome(8, 59))
    assert refused.value.reason[0] == "not_started"
    assert events_checkin.report_no_show(people[0], meetings[0].id, rome(9, 5)) is True
    assert events_checkin.report_no_show(people[0], meetings[0].id, rome(9, 6)) is False  # once per reporter
    day = my_day(event, people[0], rome(9, 10))
    assert day.current["reported"] and not day.meetings[1]["reported"]
    [report] = events_checkin.no_shows(event)
    assert (report["number"], report["absent"], report["reporter"]) == (meetings[0].number, "Person 1", "Person 0")
    assert events_checkin.withdraw_no_show(people[0], meetings[0].id) is True
    assert events_checkin.no_shows(event) == []


def test_only_one_s_own_published_meetings_can_be_reported(app):
    event, people, meetings = published_day()
    with pytest.raises(Conflict) as refused:  # Persons 2 and 3 meet; Person 0 is not in it
        events_checkin.report_no_show(people[0], meetings[1].id, rome(12, 0))
    assert refused.value.reason[0] == "no_such_meeting"
    unpublished, others, drafts = small_event()
    with pytest.raises(Conflict):
        events_checkin.report_no_show(others[0], drafts[0].id, rome(12, 0))
    assert db.session.scalar(db.select(db.func.count(NoShow.id))) == 0


def test_a_no_show_names_someone_else_by_a_database_rule(app):
    event, people, meetings = published_day()
    db.session.add(NoShow(event_id=event.id, meeting_id=meetings[0].id, reporter_id=people[0].id,
                          absent_id=people[0].id))
    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()
    assert db.session.get(Event, event.id) is not None


def test_on_a_two_day_event_the_next_meeting_may_be_tomorrow(app):
    from datetime import date

    from matchmaker.models import EventParticipant, EventSlot, Meeting, MeetingSeat
    from matchmaker.services.events_import import create_event
    from matchmaker.services.events_publish import publish

    event = create_event("Two days", "Europe/Rome", [date(2027, 3, 10), date(2027, 3, 11)],
                         [("am", "09:00", "10:00")], 20, [], [("T1", False, "")], status="requests")
    a, b = (EventParticipant(event_id=event.id, name=name) for name in ("Ada", "Bruno"))
    db.session.add_all([a, b])
    db.session.flush()
    slots = db.session.scalars(db.select(EventSlot).where(EventSlot.event_id == event.id)
                               .order_by(EventSlot.index)).all()
    first, second = (Meeting(event_id=event.id, slot_id=slot.id, table_id=event.tables[0].id) for slot in
                     (slots[0], slots[3]))  # 09:00 on each day
    for meeting in (first, second):
        meeting.seats = [MeetingSeat(participant_id=p.id, slot_id=meeting.slot_id) for p in (a, b)]
    db.session.add_all([first, second])
    db.session.commit()
    publish(db.session.get(Event, event.id), notify_participants=False)
    db.session.commit()
    evening = my_day(event, a, rome(18, 0))
    assert evening.state == TODAY and [i["meeting_id"] for i in evening.meetings] == [first.id]
    assert evening.current is None and evening.next["meeting_id"] == second.id and not evening.next_is_today
    tomorrow = my_day(event, a, rome(8, 0, day=11))
    assert tomorrow.state == TODAY and tomorrow.next_is_today and tomorrow.meetings[0]["meeting_id"] == second.id
