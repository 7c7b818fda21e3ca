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


def test_a_withdrawal_is_not_counted_as_a_manual_change(app, client):
    from matchmaker.models import EventParticipant
    from matchmaker.services import events_people

    organiser = make_user(role="organiser")
    event, people, meetings = small_event(organiser=organiser, pairs=((0, 1), (2, 3), (1, 3)))
    db.session.get(Event, event.id).schedule_job_id = schedule_now(event).id
    db.session.commit()
    events_people.cancel_participant(db.session.get(EventParticipant, people[0].id), by_organisers=False)
    report = db.session.get(Event, event.id).report
    assert (report.get("manual_changes"), report["withdrawals"], report["placed"]) == (0, 1, 2)
    login(client, organiser)
    url = f"/events/{event.id}/schedule"
    page = client.get(url).get_data(as_text=True)
    header, below = page.split('id="report"', 1)
    assert "1 manual change" not in page
    assert "(1 participant withdrew since the last run)" in header
    assert "Since that run: 1 participant withdrew; the figures above are recomputed." in below

    events_people.cancel_participant(db.session.get(EventParticipant, people[2].id))  # the organisers cancel
    post_form(client, f"/events/{event.id}/meetings/change",
              {"action": "unplace", "meeting": meetings[2].id, "version": db.session.get(Event, event.id).version},
              form_url=url)
    header = client.get(url).get_data(as_text=True).split('id="report"', 1)[0]
    assert ("1 manual change, 1 participant withdrew, and 1 participation cancelled by the organisers since the last"
            " run") in header
    db.session.get(type(organiser), organiser.id).locale = "it"
    db.session.commit()
    italian = client.get(url).get_data(as_text=True)
    assert ("1 modifica manuale, 1 partecipante si è ritirato e 1 partecipazione annullata dagli organizzatori dopo "
            "l’ultima esecuzione") in italian
