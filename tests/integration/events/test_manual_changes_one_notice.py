"""Manual changes on a published agenda: a participant's unread notice of manual changes whose first change is less
than a quarter of an hour old takes each later change in, so three moves make one notice naming every meeting in its
latest place, not three notices (found by a walk: "manual-move notices are not batched"). Read, older, or a
publication's notice, it is left alone. Each change's mail tells the whole notice, this change's meetings first (a
later walk: the mail of a move named five earlier meetings and not the one moved)."""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from matchmaker.extensions import db
from matchmaker.models import EventParticipant, Notification
from matchmaker.models._common import utcnow
from matchmaker.notification_wording import describe
from matchmaker.services import events_moves, mail
from matchmaker.services.events_changes import MERGE_MINUTES, merged
from tests.integration.events.builders import published_event, small_event


def _notes(participant) -> list[Notification]:
    user_id = db.session.get(EventParticipant, participant.id).user_id
    return list(db.session.execute(select(Notification).where(Notification.user_id == user_id)
                                   .order_by(Notification.id)).scalars())


def test_moves_in_a_row_make_one_notice_with_every_meeting_in_its_latest_place(app, monkeypatch):
    mails: list[str] = []
    monkeypatch.setattr(mail, "send_mail", lambda to, subject, body: mails.append(body))
    monkeypatch.setitem(app.config, "MAIL_SERVER", "smtp.example")  # mails wanted (send_mail is replaced above)
    event, people, meetings = published_event(pairs=((0, 1), (0, 2)), places=((0, 0), (1, 0)))
    first, second = meetings
    events_moves.move(event, first.id, 3, 0)  # 14:00-14:20 in Rome
    events_moves.move(event, second.id, 4, 0)  # 14:20-14:40
    events_moves.move(event, first.id, 5, 1)  # 14:40-15:00, moved again
    (note,) = _notes(people[0])
    text = describe(note.code, note.params)
    assert "changed: 2 meetings moved." in text
    assert "Meeting with Person 1" in text and "14:40–15:00, Table T2" in text and "14:00–14:20" not in text
    assert "Meeting with Person 2" in text and "14:20–14:40, Table T1" in text
    assert len(_notes(people[1])) == 1 and len(_notes(people[2])) == 1  # their own notices, each one
    assert note.params["meetings"][0]["meeting"] == first.id  # the latest change named first
    assert any("Meeting with Person 2" in body and "Meeting with Person 1" in body and "14:40–15:00" in body
               for body in mails)  # the last mail to Person 0 tells the whole notice

    note.read_at = utcnow()  # read: the next change is a notice of its own
    db.session.commit()
    events_moves.move(event, second.id, 2, 0)
    assert len(_notes(people[0])) == 2

    latest = _notes(people[0])[-1]
    old = (utcnow() - timedelta(minutes=MERGE_MINUTES + 1)).isoformat()
    latest.params = dict(latest.params, since=old)  # unread, but its first change older than the window
    db.session.commit()
    events_moves.move(event, second.id, 1, 0)
    notes = _notes(people[0])
    assert len(notes) == 3 and "1 meeting moved" in describe(notes[-1].code, notes[-1].params)


def test_a_publication_s_unread_notice_is_not_joined_by_a_manual_change(app):
    from matchmaker.models import Event
    from matchmaker.services.events_publish import publish

    event, people, meetings = small_event(accounts=True, pairs=((0, 1), (0, 2)))
    events_moves.move(event, meetings[0].id, 0, 0)  # the draft (not published yet: nobody told)
    events_moves.move(event, meetings[1].id, 1, 0)
    publish(db.session.get(Event, event.id))  # the publication's notice: 2 new meetings
    (told,) = _notes(people[0])
    assert "since" not in told.params and told.read_at is None and told.params["new"] == 2
    events_moves.move(db.session.get(Event, event.id), meetings[1].id, 5, 0)  # manual, on the published agenda
    notes = _notes(people[0])
    assert len(notes) == 2 and notes[0].params == told.params  # the publication's notice as it was
    text = describe(notes[1].code, notes[1].params)
    assert "changed: 1 meeting moved." in text and "Meeting with Person 2" in text and "Person 1" not in text


def test_merging_keeps_a_new_meeting_new_tells_a_later_cancellation_and_names_the_latest_change_first():
    def item(meeting, kind, start):
        return {"meeting": meeting, "number": meeting, "kind": kind, "partners": "A", "start": start,
                "end": start, "table": "T1" if start else None}

    old = {"event": "Meet", "new": 1, "moved": 2, "cancelled": 0, "since": "2027-03-10T07:00:00+00:00",
           "changed": [[1, "new"], [2, "moved"], [3, "moved"]],
           "meetings": [item(1, "new", "2027-03-10T08:00:00+00:00"), item(2, "moved", "2027-03-10T09:00:00+00:00"),
                        item(3, "moved", "2027-03-10T07:40:00+00:00")]}
    later = {"event": "Meet", "new": 0, "moved": 1, "cancelled": 1, "changed": [[1, "moved"], [2, "cancelled"]],
             "meetings": [item(2, "cancelled", None), item(1, "moved", "2027-03-10T13:00:00+00:00")]}
    both = merged(old, later)
    assert (both["new"], both["moved"], both["cancelled"]) == (1, 1, 1)
    assert [(m["meeting"], m["kind"], m["start"]) for m in both["meetings"]] == [
        (2, "cancelled", None), (1, "new", "2027-03-10T13:00:00+00:00"), (3, "moved", "2027-03-10T07:40:00+00:00")]
    assert sorted(both["changed"]) == [[1, "new"], [2, "cancelled"], [3, "moved"]]
    assert both["since"] == old["since"]  # the window counts from the notice's first change
