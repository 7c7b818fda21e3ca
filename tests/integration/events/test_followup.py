"""The follow-up after the event (service): one answer per meeting and participant, ratings 1-5 (also in the
database), "my partner did not come" as the event day's no-show report, "continue" as interest that connects when
mutual, notes private to their author, and the organisers' report."""
from __future__ import annotations

import pytest
from sqlalchemy.exc import IntegrityError

from matchmaker.extensions import db
from matchmaker.models import Connection, Interest, MeetingFeedback, NoShow, User
from matchmaker.models.event import CLOSED
from matchmaker.services import events_followup, events_followup_report
from matchmaker.services.events import Conflict
from tests.integration.events.day_builders import published_day, rome

AFTER = rome(18)


def _user(participant):
    return db.session.get(User, participant.user_id)


def test_the_follow_up_opens_when_the_last_slot_ends_or_the_organisers_close(app):
    event, people, meetings = published_day()
    assert not events_followup.is_over(event, rome(14, 30))
    with pytest.raises(Conflict) as refused:
        events_followup.answer(event, people[0], meetings[0].id, "held", 4, now=rome(14, 30))
    assert refused.value.reason[0] == "not_over"
    assert events_followup.is_over(event, rome(15, 0))
    event.status = CLOSED
    db.session.commit()
    assert events_followup.is_over(event, rome(9, 0))


def test_one_answer_per_meeting_and_participant(app):
    event, people, meetings = published_day()
    events_followup.answer(event, people[0], meetings[0].id, "held", 3, "first", now=AFTER)
    events_followup.answer(event, people[0], meetings[0].id, "held", 5, "second", now=AFTER)
    rows = db.session.execute(db.select(MeetingFeedback)).scalars().all()
    assert [(r.participant_id, r.rating, r.note) for r in rows] == [(people[0].id, 5, "second")]
    db.session.add(MeetingFeedback(event_id=event.id, meeting_id=meetings[0].id, participant_id=people[0].id))
    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()


@pytest.mark.parametrize("rating", [0, 6, "abc", -1])
def test_a_rating_is_from_1_to_5(app, rating):
    event, people, meetings = published_day()
    with pytest.raises(Conflict) as refused:
        events_followup.answer(event, people[0], meetings[0].id, "held", rating, now=AFTER)
    assert refused.value.reason[0] == "bad_rating"
    assert db.session.execute(db.select(MeetingFeedback)).first() is None


def test_the_database_refuses_a_rating_out_of_range(app):
    event, people, meetings = published_day()
    db.session.add(MeetingFeedback(event_id=event.id, meeting_id=meetings[0].id, participant_id=people[0].id,
                                   rating=6))
    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()


def test_only_a_meeting_that_took_place_is_rated_and_only_ones_own_meetings(app):
    event, people, meetings = published_day()
    with pytest.raises(Conflict) as refused:
        events_followup.answer(event, people[0], meetings[0].id, "cancelled", 2, now=AFTER)
    assert refused.value.reason == ("not_rated", {"outcome": "cancelled"})
    with pytest.raises(Conflict) as refused:  # Persons 2 and 3 meet: not Person 0's meeting
        events_followup.answer(event, people[0], meetings[1].id, "held", now=AFTER)
    assert refused.value.reason[0] == "no_such_meeting"
    with pytest.raises(Conflict) as refused:
        events_followup.answer(event, people[0], meetings[0].id, "maybe", now=AFTER)
    assert refused.value.reason[0] == "bad_outcome"


def test_partner_did_not_come_is_the_event_day_no_show_report(app):
    event, people, meetings = published_day()
    events_followup.answer(event, people[0], meetings[0].id, "no_show", now=AFTER)
    reports = db.session.execute(db.select(NoShow)).scalars().all()
    assert [(r.meeting_id, r.reporter_id, r.absent_id) for r in reports] == [(meetings[0].id, people[0].id,
                                                                             people[1].id)]
    item = next(i for i in events_followup.meetings(event, people[0]) if i["meeting_id"] == meetings[0].id)
    assert item["outcome"] == "no_show" and item["answered"]
    events_followup.answer(event, people[0], meetings[0].id, "held", 4, now=AFTER)  # they came late after all
    assert db.session.execute(db.select(NoShow)).first() is None
    assert events_followup.answers_of(people[0])[meetings[0].id].outcome == "held"


def test_continue_expresses_interest_and_connects_when_mutual(app):
    event, people, meetings = published_day()
    a, b = people[0], people[1]
    assert not events_followup.answer(event, a, meetings[0].id, "held", 5, wants_to_continue=True,
                                      user=_user(a), now=AFTER)
    assert db.session.execute(db.select(Interest.organisation_id, Interest.target_id)).all() == [
        (a.organisation_id, b.organisation_id)]
    assert db.session.execute(db.select(Connection)).first() is None
    assert events_followup.answer(event, b, meetings[0].id, "held", 4, wants_to_continue=True, user=_user(b),
                                  now=AFTER)
    connection = db.session.execute(db.select(Connection)).scalar_one()
    assert {connection.low_id, connection.high_id} == {a.organisation_id, b.organisation_id}
    assert all(i["connected"] for i in events_followup.meetings(event, a) if i["meeting_id"] == meetings[0].id)


def test_notes_are_their_authors_only(app):
    event, people, meetings = published_day()
    events_followup.answer(event, people[0], meetings[0].id, "held", 2, "a private thought", now=AFTER)
    mine = {i["meeting_id"]: i for i in events_followup.meetings(event, people[0])}
    theirs = {i["meeting_id"]: i for i in events_followup.meetings(event, people[1])}
    assert mine[meetings[0].id]["note"] == "a private thought"
    assert theirs[meetings[0].id]["note"] == "" and theirs[meetings[0].id]["rating"] is None
    report = events_followup_report.report(event)
    assert "a private thought" not in repr(report)
    assert "a private thought" not in events_followup_report.csv_text(report)


def test_the_report_counts_outcomes_ratings_continues_and_connections(app):
    event, people, meetings = published_day()  # 0-1, 2-3, 0-2, 0-3
    events_followup.answer(event, people[0], meetings[0].id, "held", 5, wants_to_continue=True, now=AFTER)
    events_followup.answer(event, people[1], meetings[0].id, "held", 3, wants_to_continue=True, now=AFTER)
    events_followup.answer(event, people[2], meetings[1].id, "no_show", now=AFTER)
    events_followup.answer(event, people[0], meetings[2].id, "cancelled", now=AFTER)
    report = events_followup_report.report(event)
    assert report["meetings"] == 4
    assert report["states"] == {"held": 1, "no_show": 1, "cancelled": 1, "no_answer": 1, "closed_before": 0}
    assert (report["ratings"], report["mean_rating"]) == (2, 4.0)
    assert (report["continue"], report["connections"]) == (2, 1)
    rows = {r["name"]: r for r in report["rows"]}
    assert (rows["Person 0"]["meetings"], rows["Person 0"]["answered"], rows["Person 0"]["held"],
            rows["Person 0"]["cancelled"], rows["Person 0"]["mean_rating"]) == (3, 2, 1, 1, 5.0)
    assert (rows["Person 2"]["no_show"], rows["Person 3"]["answered"]) == (1, 0)
    lines = events_followup_report.csv_text(report).lstrip("\ufeff").splitlines()
    assert lines[0].startswith("Participant,Organisation,Meetings,Answered") and len(lines) == 5


def test_the_answers_are_in_their_authors_personal_data_only(app):
    from matchmaker.services.events_privacy import event_data

    event, people, meetings = published_day()
    events_followup.answer(event, people[0], meetings[0].id, "held", 4, "my own words", now=AFTER)
    mine = event_data(people[0].user_id)
    assert "my own words" in repr(mine) and "my own words" not in repr(event_data(people[1].user_id))


def test_continue_with_a_guest_without_organisation_is_counted_but_connects_nobody(app):
    event, people, meetings = published_day()
    people[1].organisation_id = None  # a guest the organisers added without an organisation
    db.session.commit()
    assert not events_followup.answer(event, people[0], meetings[0].id, "held", 4, wants_to_continue=True,
                                      user=_user(people[0]), now=AFTER)
    assert db.session.execute(db.select(Interest)).first() is None
    report = events_followup_report.report(event)
    assert (report["continue"], report["connections"]) == (1, 0)


def test_meetings_not_begun_when_the_event_was_closed_are_not_asked_about(app, monkeypatch):
    from matchmaker.services import events_day
    from matchmaker.services.events_settings import set_status

    event, people, meetings = published_day()
    monkeypatch.setattr(events_day, "current_time", lambda: rome(9, 25))
    set_status(event, CLOSED)
    db.session.commit()
    monkeypatch.setattr(events_day, "current_time", lambda: AFTER)
    items = {i["meeting_id"]: i for i in events_followup.meetings(event, people[0])}
    assert not items[meetings[0].id]["closed_before"] and not items[meetings[2].id]["closed_before"]
    assert items[meetings[3].id]["closed_before"]  # 14:00, after the close at 09:25
    with pytest.raises(Conflict) as refused:
        events_followup.answer(event, people[0], meetings[3].id, "held", 4, now=AFTER)
    assert refused.value.reason[0] == "closed_before"
    events_followup.answer(event, people[0], meetings[0].id, "held", 4, now=AFTER)
    states = events_followup_report.report(event)["states"]
    assert states["closed_before"] == 1 and states["held"] == 1 and states["no_answer"] == 2


def test_unticking_continue_takes_the_interest_back_and_ends_the_connection_it_made(app):
    from matchmaker.models import Notification

    event, people, meetings = published_day()
    a, b = people[0], people[1]
    events_followup.answer(event, a, meetings[0].id, "held", 5, wants_to_continue=True, user=_user(a), now=AFTER)
    assert events_followup.answer(event, b, meetings[0].id, "held", 4, wants_to_continue=True, user=_user(b),
                                  now=AFTER)
    assert not events_followup.answer(event, a, meetings[0].id, "held", 5, wants_to_continue=False,
                                      user=_user(a), now=AFTER)
    assert db.session.execute(db.select(Interest.organisation_id, Interest.target_id)).all() == [
        (b.organisation_id, a.organisation_id)]  # the other side's interest stays, as for any withdrawal
    connection = db.session.execute(db.select(Connection)).scalar_one()
    assert connection.withdrawn_at is not None and connection.withdrawn_by_id == a.organisation_id
    told = db.session.execute(db.select(Notification.code).where(Notification.user_id == b.user_id)).scalars().all()
    assert "connection_withdrawn" in told
    item = next(i for i in events_followup.meetings(event, a) if i["meeting_id"] == meetings[0].id)
    assert not item["continue"] and not item["connected"]


def test_unticking_keeps_the_interest_another_continue_answer_still_expresses(app):
    event, people, meetings = published_day()  # 0-1, 2-3, 0-2, 0-3
    a, c = people[0], people[2]
    c.organisation_id = people[1].organisation_id  # Person 2 works for Person 1's organisation
    db.session.commit()
    events_followup.answer(event, a, meetings[0].id, "held", wants_to_continue=True, user=_user(a), now=AFTER)
    events_followup.answer(event, a, meetings[2].id, "held", wants_to_continue=True, user=_user(a), now=AFTER)
    events_followup.answer(event, a, meetings[0].id, "held", wants_to_continue=False, user=_user(a), now=AFTER)
    assert db.session.execute(db.select(Interest.organisation_id, Interest.target_id)).all() == [
        (a.organisation_id, people[1].organisation_id)]  # meeting 3's answer still wants to continue
    events_followup.answer(event, a, meetings[2].id, "held", wants_to_continue=False, user=_user(a), now=AFTER)
    assert db.session.execute(db.select(Interest)).first() is None


def test_an_answer_that_never_ticked_continue_leaves_interest_from_elsewhere(app):
    from matchmaker.models import Organisation
    from matchmaker.services import review

    event, people, meetings = published_day()
    a, b = people[0], people[1]
    review.express_interest(db.session.get(Organisation, a.organisation_id),
                            db.session.get(Organisation, b.organisation_id), "interested", _user(a))
    events_followup.answer(event, a, meetings[0].id, "held", 4, user=_user(a), now=AFTER)
    assert db.session.execute(db.select(Interest)).scalar_one().organisation_id == a.organisation_id


def test_the_participants_rows_count_meetings_cut_off_by_the_close_apart(app, monkeypatch):
    from matchmaker.services import events_day
    from matchmaker.services.events_settings import set_status

    event, people, meetings = published_day()  # Person 0: 09:00, 09:20, 14:00
    monkeypatch.setattr(events_day, "current_time", lambda: rome(9, 25))
    set_status(event, CLOSED)
    db.session.commit()
    monkeypatch.setattr(events_day, "current_time", lambda: AFTER)
    events_followup.answer(event, people[0], meetings[0].id, "held", 4, now=AFTER)
    events_followup.answer(event, people[0], meetings[2].id, "held", 5, now=AFTER)
    report = events_followup_report.report(event)
    rows = {r["name"]: r for r in report["rows"]}
    assert (rows["Person 0"]["meetings"], rows["Person 0"]["closed_before"], rows["Person 0"]["answered"]) == (2, 1, 2)
    assert (rows["Person 3"]["meetings"], rows["Person 3"]["closed_before"]) == (1, 1)  # 09:00 with 2, 14:00 with 0
    lines = events_followup_report.csv_text(report).lstrip("\ufeff").splitlines()
    assert lines[0].endswith("Not begun when the event was closed") and lines[1].endswith(",1")


def test_unticking_leaves_an_interest_given_before_the_follow_up_and_its_connection(app):
    from matchmaker.models import Organisation
    from matchmaker.services import review

    event, people, meetings = published_day()
    a, b = people[0], people[1]
    org_a, org_b = (db.session.get(Organisation, p.organisation_id) for p in (a, b))
    review.express_interest(org_a, org_b, "interested", _user(a))  # connected before the event
    assert review.express_interest(org_b, org_a, "interested", _user(b))
    events_followup.answer(event, a, meetings[0].id, "held", 5, wants_to_continue=True, user=_user(a), now=AFTER)
    events_followup.answer(event, a, meetings[0].id, "held", 5, wants_to_continue=False, user=_user(a), now=AFTER)
    assert review.has_interest(org_a.id, org_b.id)  # not the follow-up's to take back
    assert db.session.execute(db.select(Connection)).scalar_one().withdrawn_at is None
