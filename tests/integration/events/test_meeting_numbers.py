"""Meetings carry a number within their event (1, 2, 3…), shown and typed everywhere instead of the database id
(the walk: the first meeting of a new event was "#444" in the grid, the unplaced list, the CSV and the change form).
"""
from __future__ import annotations

import csv
import io

import pytest
from sqlalchemy.exc import IntegrityError

from matchmaker.extensions import db
from matchmaker.models import Event, Meeting
from matchmaker.services import events_moves
from tests.helpers import login, make_user, post_form
from tests.integration.events.builders import small_event


def _second_event(organiser):
    small_event()  # another event's meetings take the first ids
    event, people, meetings = small_event(organiser=organiser)
    assert [m.id for m in meetings] == [4, 5, 6] and [m.number for m in meetings] == [1, 2, 3]
    return event, meetings


def test_the_schedule_page_and_the_export_show_numbers_and_the_form_takes_them(app, client):
    organiser = make_user(role="organiser")
    event, meetings = _second_event(organiser)
    events_moves.move(event, meetings[1].id, 2, 1)
    login(client, organiser)
    url = f"/events/{event.id}/schedule"
    page = client.get(url).get_data(as_text=True)
    grid = page.split('class="agenda-grid"', 1)[1]
    assert "<b>2</b>" in grid and "<b>5</b>" not in grid
    unplaced = page.split('id="unplaced"', 1)[1].split("</section>", 1)[0]
    assert '<td class="num">1</td>' in unplaced and '<td class="num">3</td>' in unplaced and ">4<" not in unplaced
    post_form(client, f"/events/{event.id}/meetings/change",
              {"action": "move", "meeting": "1", "slot": "0", "table": "0",
               "version": db.session.get(Event, event.id).version}, form_url=url)
    assert db.session.get(Meeting, meetings[0].id).slot.index == 0  # number 1 is the event's first meeting
    page = post_form(client, f"/events/{event.id}/meetings/change",
                     {"action": "move", "meeting": "9", "slot": "1", "table": "0",
                      "version": db.session.get(Event, event.id).version}, form_url=url,
                     follow_redirects=True).get_data(as_text=True)
    assert "no such meeting in this event" in page
    rows = list(csv.reader(io.StringIO(client.get(f"/events/{event.id}/export.csv?draft=1")
                                       .get_data(as_text=True).lstrip("\ufeff"))))
    assert rows[0][0] == "Meeting" and sorted(r[0] for r in rows[1:]) == ["1", "2"]


def test_a_number_is_unique_in_its_event(app):
    event, _people, meetings = small_event()
    db.session.add(Meeting(event_id=event.id, number=meetings[0].number))
    with pytest.raises(IntegrityError):
        db.session.commit()
