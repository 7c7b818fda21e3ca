"""Manual changes on the schedule page: a refused move names the busy participant and keeps what was typed; after a
change the run's header gives the draft's figures as they now are (the walk: "4 of 4 placed, 0 breaks" above a
report saying "Breaks: 1 in all")."""
from __future__ import annotations

from matchmaker.extensions import db
from matchmaker.models import Event, Meeting
from tests.helpers import login, make_user, post_form
from tests.integration.events.builders import schedule_now, small_event


def _placed(meeting_id):
    meeting = db.session.get(Meeting, meeting_id)
    return meeting.slot.index, meeting.table.index


def test_a_refused_move_names_the_busy_participant_and_keeps_the_form(app, client):
    organiser = make_user(role="organiser")
    event, people, meetings = small_event(organiser=organiser)
    schedule_now(event)
    first, third = meetings[0].id, meetings[2].id  # both with Person 0
    slot, table = _placed(first)
    other_table = 1 - table
    login(client, organiser)
    url = f"/events/{event.id}/schedule"
    response = post_form(client, f"/events/{event.id}/meetings/change",
                         {"action": "move", "meeting": third, "slot": slot, "table": other_table,
                          "version": db.session.get(Event, event.id).version}, form_url=url)
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Person 0 already has another meeting in that slot" in page
    form = page.split('id="change-form"', 1)[1].split("</form>", 1)[0]
    assert f'name="meeting" required class="narrow" value="{third}"' in form
    assert f'<option value="{slot}" selected>' in form and f'<option value="{other_table}" selected>' in form


def test_after_a_manual_change_the_header_gives_the_draft_as_it_is(app, client):
    organiser = make_user(role="organiser")
    event, people, meetings = small_event(organiser=organiser, pairs=((0, 1),))
    db.session.get(Event, event.id).schedule_job_id = schedule_now(event).id  # as the page's "Schedule" does
    db.session.commit()
    login(client, organiser)
    url = f"/events/{event.id}/schedule"
    before = client.get(url).get_data(as_text=True)
    assert "1 of 1 meeting placed" in before.split('id="report"', 1)[0]
    post_form(client, f"/events/{event.id}/meetings/change",
              {"action": "unplace", "meeting": meetings[0].id, "version": db.session.get(Event, event.id).version},
              form_url=url)
    header = client.get(url).get_data(as_text=True).split('id="report"', 1)[0]
    assert "the draft now: 0 of 1 meeting placed, 0 breaks (1 manual change since the last run)" in header
    assert "1 of 1 meeting placed" not in header
