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
    assert header.count("0 of 1") == 1  # the figures once (they were also before the "·", as if the run's)
    assert "<progress" not in header  # a finished run: no bar (0 of 1 read as a run still going)


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


def test_a_change_that_changes_nothing_is_refused_not_reported_as_done(app, client):
    """Swapping a meeting with itself, unplacing one already out, moving one where it is: "that changes nothing",
    not "Agenda changed."; the version stays."""
    organiser = make_user(role="organiser")
    event, people, meetings = small_event(organiser=organiser, pairs=((0, 1), (2, 3)))
    schedule_now(event)
    login(client, organiser)
    url = f"/events/{event.id}/schedule"
    first = meetings[0].id
    slot, table = _placed(first)

    def change(**fields):
        version = db.session.get(Event, event.id).version
        page = post_form(client, f"/events/{event.id}/meetings/change", dict(fields, version=version), form_url=url,
                         follow_redirects=True).get_data(as_text=True)
        return page, db.session.get(Event, event.id).version - version

    for fields in ({"action": "swap", "meeting": first, "other": first},
                   {"action": "move", "meeting": first, "slot": slot, "table": table}):
        page, moved = change(**fields)
        assert "that changes nothing" in page and "Agenda changed" not in page and moved == 0, fields
    page, moved = change(action="unplace", meeting=first)
    assert "Agenda changed" in page and moved == 1
    page, moved = change(action="unplace", meeting=first)
    assert "that changes nothing" in page and "Agenda changed" not in page and moved == 0


def test_forcing_a_pair_already_forced_says_nothing_changed(app, client):
    from sqlalchemy import func, select

    organiser = make_user(role="organiser")
    event, people, _meetings = small_event(organiser=organiser, pairs=())
    login(client, organiser)
    url = f"/events/{event.id}/requests"
    added = post_form(client, f"/events/{event.id}/force", {"first": people[0].id, "second": people[1].id},
                      form_url=url, follow_redirects=True).get_data(as_text=True)
    assert "Forced meeting added." in added
    again = post_form(client, f"/events/{event.id}/force", {"first": people[1].id, "second": people[0].id},
                      form_url=url, follow_redirects=True).get_data(as_text=True)
    assert "Person 1 and Person 0 already have a forced meeting: nothing changed" in again
    assert "Forced meeting added." not in again
    form = again.split('name="first"', 1)[1].split("</form>", 1)[0]  # the two chosen come back selected
    assert f'<option value="{people[1].id}" selected>' in form.split('name="second"')[0]
    assert f'<option value="{people[0].id}" selected>' in form.split('name="second"')[1]
    assert db.session.scalar(select(func.count(Meeting.id)).where(Meeting.event_id == event.id)) == 1
    requests_page = client.get(url).get_data(as_text=True)
    assert "meeting forced by you (the organisers)" in requests_page  # not "accepted", as if someone had asked
    listing = client.get(f"/events/{event.id}/participants").get_data(as_text=True)  # nobody asked: no request
    assert 'data-label="Requests sent">1<' not in listing and 'data-label="Requests received">1<' not in listing
    assert listing.count('data-label="Requests sent">0<') == len(people)


def test_forcing_past_a_maximum_warns_that_some_will_be_left_out(app, client):
    organiser = make_user(role="organiser")
    event, people, _meetings = small_event(organiser=organiser, pairs=((0, 1),))
    db.session.get(Event, event.id).max_meetings = 1
    db.session.commit()
    login(client, organiser)
    page = post_form(client, f"/events/{event.id}/force", {"first": people[0].id, "second": people[2].id},
                     form_url=f"/events/{event.id}/requests", follow_redirects=True).get_data(as_text=True)
    assert "Forced meeting added." in page
    assert "Person 0 now has 2 meetings for a maximum of 1: the scheduler will leave some out" in page
    assert "Person 2 now has" not in page


def test_the_report_does_not_say_at_least_0_breaks(app, client):
    """A later walk: "Breaks: 10 in all, at most 3 and at least 0 per participant" (the "at least 0" says nothing)."""
    from matchmaker.services import events_moves

    organiser = make_user(role="organiser")
    event, people, meetings = small_event(organiser=organiser, pairs=((0, 1), (0, 2)))
    db.session.get(Event, event.id).schedule_job_id = schedule_now(event).id
    db.session.commit()
    events_moves.unplace(db.session.get(Event, event.id), meetings[1].id)  # wherever the run put them
    if _placed(meetings[0].id) != (0, 0):
        events_moves.move(db.session.get(Event, event.id), meetings[0].id, 0, 0)
    events_moves.move(db.session.get(Event, event.id), meetings[1].id, 2, 0)  # Person 0: 09:00 and 09:40, a break
    login(client, organiser)
    report = client.get(f"/events/{event.id}/schedule").get_data(as_text=True).split('id="report"', 1)[1]
    assert "Breaks: 1 in all, at most 1 per participant" in report and "at least 0" not in report


def test_a_closed_event_s_agenda_has_no_change_form_and_refuses_a_change(app, client):
    """A walk: the closed event's page said its agenda could no longer change, showed the form anyway, and a move was
    refused for "that slot has begun: ..." without a full stop."""
    from matchmaker.services.events_settings import set_status

    organiser = make_user(role="organiser")
    event, people, meetings = small_event(organiser=organiser)
    schedule_now(event)
    first = meetings[0].id
    slot, table = _placed(first)
    set_status(db.session.get(Event, event.id), "closed")
    db.session.commit()
    login(client, organiser)
    url = f"/events/{event.id}/schedule"
    page = client.get(url).get_data(as_text=True)
    assert 'id="agenda-closed"' in page and 'id="change-form"' not in page
    number = db.session.get(Meeting, first).number
    response = post_form(client, f"/events/{event.id}/meetings/change",
                         {"action": "move", "meeting": number, "slot": 1 - slot, "table": table,
                          "version": db.session.get(Event, event.id).version}, form_url=url)
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    # closed before its first slot: called off (the same refusal, its own words), a sentence with its full stop
    assert "Refused: the event was called off: its agenda can no longer be scheduled or published.</div>" in page
    assert _placed(first) == (slot, table)
    post_form(client, f"/events/{event.id}/meetings/change", {"action": "unlock", "meeting": number}, form_url=url)
    assert "Refused: the event was called off" in client.get(url).get_data(as_text=True)  # nor lock or unlock
