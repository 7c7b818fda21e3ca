"""The follow-up as its readers see it: a rating refused for a meeting that did not take place says so in the
words of the form (English and Italian); after "I want to continue" the page says what happens on the partner's
side (connected, or they are told and a connection follows if they want to continue too) without revealing the
partner's own answer; the organisers' report shows every column of its CSV, a zero as 0."""
from __future__ import annotations

import csv
import io
import re

import pytest

from matchmaker.extensions import db
from matchmaker.models import MeetingFeedback, User
from matchmaker.services import events_day, events_followup
from tests.helpers import login, make_user, post_form
from tests.integration.events.day_builders import published_day, rome


@pytest.fixture(autouse=True)
def after_the_event(monkeypatch):
    monkeypatch.setattr(events_day, "current_time", lambda: rome(18))


def _as(app, user):
    client = app.test_client()
    login(client, user)
    return client


def _person(app, participant, locale="en"):
    user = db.session.get(User, participant.user_id)
    user.locale = locale
    db.session.commit()
    return _as(app, user)


@pytest.mark.parametrize("locale,outcome,words", [
    ("en", "cancelled", "Refused: a meeting cancelled on the day cannot be rated (choose “no rating”)"),
    ("en", "no_show", "Refused: a meeting your partner did not come to cannot be rated (choose “no rating”)"),
    ("it", "cancelled", "Rifiutato: un incontro annullato il giorno stesso non si può valutare (scegli “nessuna "
                        "valutazione”)")])
def test_a_rating_of_a_meeting_that_did_not_take_place_is_refused_in_the_form_s_words(app, locale, outcome, words):
    event, people, meetings = published_day()
    client = _person(app, people[0], locale)
    page = f"/events/{event.id}/followup"
    refused = post_form(client, f"{page}/meetings/{meetings[0].id}", {"outcome": outcome, "rating": "4"}, page)
    assert refused.status_code == 422 and words in refused.get_data(as_text=True)
    assert db.session.execute(db.select(MeetingFeedback)).first() is None


def _next_line(html: str, meeting_id: int) -> str:
    found = re.search(rf'id="followup-next-{meeting_id}">(.*?)</p>', html, re.S)
    return found.group(1) if found else ""


def test_after_continue_the_page_says_what_happens_on_the_partner_s_side(app):
    event, people, meetings = published_day()
    page = f"/events/{event.id}/followup"
    mine, theirs = _person(app, people[0]), _person(app, people[1])
    assert _next_line(mine.get(page).get_data(as_text=True), meetings[0].id) == ""  # nothing ticked, nothing said
    post_form(mine, f"{page}/meetings/{meetings[0].id}", {"outcome": "held", "continue": "1"}, page)
    waiting = _next_line(mine.get(page).get_data(as_text=True), meetings[0].id)
    assert waiting == ("Their organisation has been told of your interest. If they want to continue too, you will be "
                       "connected and see each other’s contact details.")
    # the partner's own page says nothing of it before they tick it: their answer is theirs, and so is ours
    assert _next_line(theirs.get(page).get_data(as_text=True), meetings[0].id) == ""
    post_form(theirs, f"{page}/meetings/{meetings[0].id}", {"outcome": "held", "continue": "1"}, page)
    for client in (mine, theirs):
        assert _next_line(client.get(page).get_data(as_text=True), meetings[0].id) == \
            "You are connected: contact details are on their organisation’s profile."


def test_the_partner_s_side_in_italian(app):
    event, people, meetings = published_day()
    page = f"/events/{event.id}/followup"
    mine = _person(app, people[0], "it")
    events_followup.answer(event, people[0], meetings[0].id, "held", wants_to_continue=True)
    line = _next_line(mine.get(page).get_data(as_text=True), meetings[0].id)
    assert line.startswith("L’organizzazione del tuo interlocutore è stata informata del tuo interesse.")


@pytest.mark.parametrize("locale", ["en", "it"])
def test_the_report_page_shows_every_column_of_its_csv(app, locale):
    organiser = make_user(role="organiser", locale=locale)
    event, people, meetings = published_day(organiser=organiser)
    events_followup.answer(event, people[0], meetings[0].id, "held", 4)
    desk = _as(app, organiser)
    html = desk.get(f"/events/{event.id}/followup/report").get_data(as_text=True)
    body = desk.get(f"/events/{event.id}/followup/report.csv").get_data(as_text=True).lstrip("\ufeff")
    table = list(csv.reader(io.StringIO(body), delimiter=";" if locale == "it" else ","))  # Excel in Italian
    headers = re.findall(r"<th>(.*?)</th>", html.split('id="followup-rows"')[1].split("</thead>")[0])
    assert headers[1:] == table[0][1:]  # the first column reads "Name" on the page, "Participant" in the file
    assert 'id="fig-closed-before">0<' in html  # the event simply ended: nothing was cut off, and it says 0
    row = html.split('id="followup-rows"')[1].split("<tbody>")[1].split("</tr>")[0]
    assert len(re.findall(r"<td ", row)) == len(table[0])
    closed_cell = re.search(r'<td data-label="[^"]+">(\d+)</td>\s*$', row)
    assert closed_cell is not None and closed_cell.group(1) == "0" and table[1][-1] == "0"
