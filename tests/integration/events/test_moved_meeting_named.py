"""The agenda-change notification names the meetings (the walk: "0 new meetings, 1 moved and 0 cancelled" and
nothing else; the counts now leave out the zeros: "1 meeting moved"): partner with their organisation, as the
agenda names them, new time and table, and no meeting number
(a later walk: "Incontro 281 con Laura Sala", a number the participant's agenda never shows); the agenda marks the
meetings changed since the last publication."""
from __future__ import annotations

from sqlalchemy import select

from matchmaker.extensions import db
from matchmaker.models import Event, EventParticipant, Meeting, Notification
from matchmaker.notification_wording import describe
from matchmaker.services import events_moves
from matchmaker.services.events_publish import publish
from tests.helpers import login
from tests.integration.events.builders import published_event


def test_a_republication_names_the_moved_meeting_and_the_agenda_marks_it(app, client):
    event, people, meetings = published_event()
    events_moves.move(event, meetings[0].id, 4, 1)  # slot 5 (14:20-14:40 in Rome), second table
    publish(db.session.get(Event, event.id))
    db.session.commit()
    user_id = db.session.get(EventParticipant, people[0].id).user_id
    note = db.session.execute(select(Notification).where(Notification.user_id == user_id)).scalar_one()
    number = db.session.get(Meeting, meetings[0].id).number
    partner = db.session.get(EventParticipant, people[1].id).organisation.name
    text = describe(note.code, note.params)
    assert text.startswith("Your agenda for Meet in Italy changed: 1 meeting moved.")
    assert f"Meeting with Person 1 ({partner}): now" in text and "14:20–14:40, Table T2." in text
    assert f"Meeting {number}" not in text
    others = db.session.execute(select(Notification).where(
        Notification.user_id == db.session.get(EventParticipant, people[2].id).user_id)).first()
    assert others is None  # their meeting did not change

    login(client, db.session.get(EventParticipant, people[0].id).user)
    page = client.get(f"/events/{event.id}/agenda").get_data(as_text=True)
    assert f'id="changed-{meetings[0].id}"' in page and "moved since the last publication" in page
    with app.test_request_context(headers={"Accept-Language": "it"}):
        from flask_babel import force_locale
        with force_locale("it"):
            italian = describe(note.code, note.params)
    assert f"Incontro con Person 1 ({partner}): spostato a" in italian and "Tavolo T2" in italian  # not "ora" (hour)


def test_a_cancelled_meeting_is_named_too(app):
    event, people, meetings = published_event()
    meeting = db.session.get(Meeting, meetings[1].id)
    meeting.state = "cancelled"
    db.session.commit()
    publish(db.session.get(Event, event.id))
    db.session.commit()
    user_id = db.session.get(EventParticipant, people[3].id).user_id
    note = db.session.execute(select(Notification).where(Notification.user_id == user_id)).scalar_one()
    partner = db.session.get(EventParticipant, people[2].id).organisation.name
    text = describe(note.code, note.params)  # off the agenda, whether cancelled or unplaced for now (a walk)
    assert "changed: 1 meeting removed." in text
    assert f"Meeting with Person 2 ({partner}): removed from your agenda." in text


def test_a_change_of_an_event_in_another_zone_is_worded_in_that_zone_on_the_notifications_page(app, client):
    event, people, meetings = published_event()
    event.time_zone = "Europe/London"  # the same instants, an event held in London
    db.session.commit()
    events_moves.move(event, meetings[0].id, 4, 1)  # 14:20 in Rome is 13:20 in London
    publish(db.session.get(Event, event.id))
    db.session.commit()
    login(client, db.session.get(EventParticipant, people[0].id).user)
    page = client.get("/notifications/").get_data(as_text=True)
    # the meetings under the notice's link, a line each, not all in its bold link (a walk on a phone)
    link, details = page.split('class="link notification-text">', 1)[1].split("</button>", 1)
    assert "changed: 1 meeting moved." in link and "Meeting with" not in link
    lines = details.split('<ul class="notification-details">', 1)[1].split("</ul>", 1)[0].split("<li>")[1:]
    assert len(lines) == 1 and "13:20–13:40, Table T2." in lines[0]  # only meetings in the list (a later walk)
    assert '<p class="notification-notes">Times: London time (GMT).</p>' in details
    assert "Rome time (CET)" in page  # the page's own times (when each notice came) stay in the viewer's zone


def test_the_agenda_marks_every_new_meeting_not_only_those_the_notice_names(app, client):
    """The 2026-12-01 walk: "7 new meetings", five named, and the agenda marked only those five as new."""
    from matchmaker.services.events_changes import NAMED
    from tests.integration.events.builders import small_event

    event, people, meetings = small_event(people=7, pairs=tuple((0, i) for i in range(1, 7)), accounts=True)
    for slot, meeting in enumerate(meetings):
        events_moves.move(event, meeting.id, slot, 0)
    publish(db.session.get(Event, event.id))
    db.session.commit()
    assert len(meetings) > NAMED
    login(client, db.session.get(EventParticipant, people[0].id).user)
    page = client.get(f"/events/{event.id}/agenda").get_data(as_text=True)
    assert all(f'id="changed-{m.id}"' in page for m in meetings)
    assert page.count("new since the last publication") == len(meetings)


def test_a_notice_whose_meetings_cannot_be_read_keeps_its_sentence(app):
    """A stored notice with a meeting this version cannot word (no end, an unknown zone): its sentence alone, as a
    notice older than its wording's parameters is (a review: the page and the mail job would have failed)."""
    from matchmaker.notification_wording import describe_parts

    params = {"event": "Meet", "new": 0, "moved": 1, "cancelled": 0, "zone": "Mars/Olympus",
              "meetings": [{"meeting": 1, "kind": "moved", "partners": "Anna", "start": "2027-03-10T13:00:00+00:00"}]}
    assert describe_parts("event_agenda_changed", params) == ("Your agenda for Meet changed: 1 meeting moved.", [], [])
    assert describe("event_agenda_changed", params) == "Your agenda for Meet changed: 1 meeting moved."
