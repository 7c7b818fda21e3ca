"""The follow-up pages: the participant's own answers (not before the event is over, not someone else's meeting,
CSRF-protected), the organisers' report and CSV (theirs and admins' only, no private notes, headers in the reader's
language), and the links to them."""
from __future__ import annotations

import pytest

from matchmaker.extensions import db
from matchmaker.models import Connection, MeetingFeedback, User
from matchmaker.models.event import CLOSED
from matchmaker.services import events_day, events_followup
from tests.helpers import login, make_user, post_form
from tests.integration.events.day_builders import published_day, rome


@pytest.fixture
def clock(monkeypatch):
    def freeze(moment):
        monkeypatch.setattr(events_day, "current_time", lambda: moment)
    freeze(rome(18))
    return freeze


def _as(app, user):
    client = app.test_client()
    login(client, user)
    return client


def _person(app, participant):
    return _as(app, db.session.get(User, participant.user_id))


def test_the_participant_answers_about_their_meetings(app, clock):
    event, people, meetings = published_day()
    client = _person(app, people[0])
    page = f"/events/{event.id}/followup"
    html = client.get(page).get_data(as_text=True)
    assert html.count('class="followup-item') == 3 and "Person 1" in html and "Person 3" in html
    assert "I want to continue with this partner" in html and "<script>" not in html and "style=" not in html
    response = post_form(client, f"{page}/meetings/{meetings[0].id}",
                         {"outcome": "held", "rating": "4", "note": "talk again in May", "continue": "1"}, page)
    assert response.status_code == 302 and response.headers["Location"].endswith(f"#meeting-{meetings[0].id}")
    row = db.session.execute(db.select(MeetingFeedback)).scalar_one()
    assert (row.outcome, row.rating, row.note, row.wants_to_continue) == ("held", 4, "talk again in May", True)
    html = client.get(page).get_data(as_text=True)
    assert "Thank you: your answer is saved." in html and "talk again in May" in html
    partner = _person(app, people[1]).get(page).get_data(as_text=True)
    assert "talk again in May" not in partner  # the note is its author's only
    post_form(_person(app, people[1]), f"{page}/meetings/{meetings[0].id}", {"outcome": "held", "continue": "1"},
              page)
    assert db.session.execute(db.select(Connection)).scalar_one().withdrawn_at is None


def test_before_the_end_the_page_waits_and_answers_are_refused(app, clock):
    event, people, meetings = published_day()
    clock(rome(9, 30))
    client = _person(app, people[0])
    page = f"/events/{event.id}/followup"
    assert 'id="followup-not-yet"' in client.get(page).get_data(as_text=True)
    response = post_form(client, f"{page}/meetings/{meetings[0].id}", {"outcome": "held"}, page,
                         follow_redirects=True)
    assert "the follow-up opens once the event is over" in response.get_data(as_text=True)
    assert db.session.execute(db.select(MeetingFeedback)).first() is None


def test_nobody_answers_for_someone_else(app, clock):
    event, people, meetings = published_day()
    page = f"/events/{event.id}/followup"
    response = post_form(_person(app, people[0]), f"{page}/meetings/{meetings[1].id}", {"outcome": "held"}, page,
                         follow_redirects=True)  # Persons 2 and 3's meeting
    assert "not on your published agenda" in response.get_data(as_text=True)
    outsider = _as(app, make_user(organisation_id=people[0].organisation_id))
    assert outsider.get(page).status_code == 404
    assert db.session.execute(db.select(MeetingFeedback)).first() is None


def test_an_answer_without_csrf_token_is_refused(app, clock):
    event, people, meetings = published_day()
    app.config["WTF_CSRF_ENABLED"] = True
    response = _person(app, people[0]).post(f"/events/{event.id}/followup/meetings/{meetings[0].id}",
                                            data={"outcome": "held"})
    assert response.status_code == 400
    assert db.session.execute(db.select(MeetingFeedback)).first() is None


def test_the_report_is_the_organisers_and_shows_no_notes(app, clock):
    organiser = make_user(role="organiser")
    event, people, meetings = published_day(organiser=organiser)
    events_followup.answer(event, people[0], meetings[0].id, "held", 5, "secret opinion", wants_to_continue=True)
    report = f"/events/{event.id}/followup/report"
    html = _as(app, organiser).get(report).get_data(as_text=True)
    assert 'id="fig-meetings">4<' in html and 'id="fig-held">1<' in html and "5.0" in html
    assert "secret opinion" not in html and "Person 0" in html
    assert _person(app, people[0]).get(report).status_code == 403
    assert _as(app, make_user(role="organiser")).get(report).status_code == 404
    assert _as(app, make_user(role="admin")).get(report).status_code == 200
    csv_response = _as(app, organiser).get(report + ".csv")
    assert csv_response.mimetype == "text/csv" and "secret opinion" not in csv_response.get_data(as_text=True)
    assert csv_response.get_data(as_text=True).lstrip("\ufeff").startswith("Participant,Organisation,Meetings")
    assert _person(app, people[0]).get(report + ".csv").status_code == 403


def test_the_csv_headers_are_in_the_readers_language(app, clock):
    organiser = make_user(role="organiser", locale="it")
    event, _people, _meetings = published_day(organiser=organiser)
    body = _as(app, organiser).get(f"/events/{event.id}/followup/report.csv").get_data(as_text=True)
    assert body.lstrip("\ufeff").startswith("Partecipante;Organizzazione;Incontri")


def test_links_appear_once_the_event_is_over(app, clock):
    organiser = make_user(role="organiser")
    event, people, _meetings = published_day(organiser=organiser)
    link = f'/events/{event.id}/followup"'
    clock(rome(9, 30))
    client = _person(app, people[0])
    assert link not in client.get(f"/events/{event.id}/agenda").get_data(as_text=True)
    clock(rome(18))
    for page in (f"/events/{event.id}/", f"/events/{event.id}/agenda", "/events/"):
        assert link in client.get(page).get_data(as_text=True), page
    event.status = CLOSED
    db.session.commit()
    assert f'/events/{event.id}/followup/report"' in _as(app, organiser).get(
        f"/events/{event.id}/").get_data(as_text=True)


def test_the_follow_up_page_lists_meetings_after_the_close_without_a_form(app, clock):
    from matchmaker.services.events_settings import set_status

    event, people, meetings = published_day()
    clock(rome(9, 25))
    set_status(event, CLOSED)
    db.session.commit()
    clock(rome(18))
    page = _person(app, people[0]).get(f"/events/{event.id}/followup").get_data(as_text=True)
    later = page.split(f'id="meeting-{meetings[3].id}"')[1].split("</li>")[0]
    assert "did not take place (the event was closed before it)" in later and 'class="followup-form"' not in later
    begun = page.split(f'id="meeting-{meetings[2].id}"')[1].split("</li>")[0]
    assert 'class="followup-form"' in begun


def test_the_mean_rating_is_written_in_the_readers_locale(app, clock):
    organiser = make_user(role="organiser", locale="it")
    event, people, meetings = published_day(organiser=organiser)
    events_followup.answer(event, people[0], meetings[0].id, "held", 5)
    events_followup.answer(event, people[1], meetings[0].id, "held", 4)
    desk = _as(app, organiser)
    html = desk.get(f"/events/{event.id}/followup/report").get_data(as_text=True)
    assert 'id="fig-rating">4,5 ' in html and "4.5" not in html and ">5,0<" in html
    body = desk.get(f"/events/{event.id}/followup/report.csv").get_data(as_text=True)
    assert ";5,0;" in body and ";4,0;" in body and "5.0" not in body  # Italian Excel: ';' between columns


def test_a_refused_answer_comes_back_as_typed_with_the_reason(app, clock):
    event, people, meetings = published_day()
    client = _person(app, people[0])
    page = f"/events/{event.id}/followup"
    events_followup.answer(event, people[0], meetings[0].id, "held", 3, "stored note")
    response = post_form(client, f"{page}/meetings/{meetings[0].id}",
                         {"outcome": "cancelled", "rating": "5", "note": "typed note", "continue": "1"}, page)
    html = response.get_data(as_text=True)
    assert response.status_code == 422 and f'id="followup-error-{meetings[0].id}"' in html and \
        "Refused: a meeting cancelled on the day cannot be rated (choose “no rating”)" in html
    form = html.split(f'id="meeting-{meetings[0].id}"')[1].split("</li>")[0]
    assert ">typed note</textarea>" in form and 'value="cancelled" checked' in form
    assert 'value="5" checked' in form and f'name="continue-{meetings[0].id}" value="1" checked' in form
    assert "followup-untick" not in form  # nothing was saved: no interest to take back
    assert db.session.scalar(db.select(MeetingFeedback.note)) == "stored note"


@pytest.mark.parametrize("locale, name", [("en", "meet-in-italy-2027-03-10-follow-up.csv"),
                                          ("it", "meet-in-italy-2027-03-10-dopo-evento.csv")])
def test_the_csv_is_named_after_the_event_like_the_other_exports(app, clock, locale, name):
    organiser = make_user(role="organiser", locale=locale)
    event, _people, _meetings = published_day(organiser=organiser)
    response = _as(app, organiser).get(f"/events/{event.id}/followup/report.csv")
    assert response.headers["Content-Disposition"] == f'attachment; filename="{name}"'


def test_after_the_event_availability_is_shown_but_no_longer_changes(app, clock):
    from matchmaker.models import Unavailability

    event, people, _meetings = published_day()
    client = _person(app, people[0])
    page = f"/events/{event.id}/availability"
    clock(rome(8))  # before the event: saved as ever
    slot = event.slots[0].id
    post_form(client, page, {"unavailable": str(slot)}, page)
    assert db.session.scalars(db.select(Unavailability.slot_id)).all() == [slot]
    clock(rome(18))  # after the last slot
    html = client.get(page).get_data(as_text=True)
    assert 'id="availability-over"' in html and "<fieldset disabled" in html
    response = post_form(client, page, {}, page)
    assert "the event is over" in client.get(response.headers["Location"]).get_data(as_text=True)
    assert db.session.scalars(db.select(Unavailability.slot_id)).all() == [slot]  # nothing changed
