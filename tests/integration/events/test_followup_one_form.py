"""The follow-up page is one form: answers typed in several meeting cards are all kept when any Save is pressed;
a refused card comes back typed with its reason while the others are saved."""
from __future__ import annotations

import re

from matchmaker.extensions import db
from matchmaker.models import MeetingFeedback, User
from tests.helpers import login, post_form
from tests.integration.events.day_builders import published_day
from tests.integration.events.test_followup_refusal_reload import after_the_event  # noqa: F401  (autouse)


def _signed_in(app):
    """A participant's client on their follow-up page, with their first two meetings."""
    event, people, meetings = published_day()
    client = app.test_client()
    login(client, db.session.get(User, people[0].user_id))
    mine = [m.id for m in meetings if any(s.participant_id == people[0].id for s in m.seats)]
    return client, f"/events/{event.id}/followup", mine[0], mine[1]


def test_saving_at_one_card_keeps_what_was_typed_in_the_others(app):
    client, page, first, second = _signed_in(app)
    html = client.get(page).get_data(as_text=True)
    assert html.count('id="followup-form"') == 1 and f'name="note-{second}"' in html and "data-warn-unsaved" in html
    done = post_form(client, f"{page}/answers", {
        f"outcome-{first}": "held", f"rating-{first}": "3",
        f"outcome-{second}": "held", f"rating-{second}": "5", f"note-{second}": "mandare proposta",
        f"continue-{second}": "1", "at": str(first)}, page)
    assert done.status_code == 302 and done.headers["Location"].endswith(f"#meeting-{first}")
    stored = {f.meeting_id: f for f in db.session.execute(db.select(MeetingFeedback)).scalars()}
    assert stored[first].rating == 3 and stored[second].rating == 5
    assert stored[second].note == "mandare proposta" and stored[second].wants_to_continue
    assert "your 2 answers are saved" in client.get(page).get_data(as_text=True)


def test_a_refused_card_keeps_its_typing_and_the_others_are_saved(app):
    client, page, first, second = _signed_in(app)
    refused = post_form(client, f"{page}/answers", {
        f"outcome-{first}": "held", f"rating-{first}": "4",
        f"outcome-{second}": "cancelled", f"rating-{second}": "5", f"note-{second}": "pioggia"}, page)
    html = refused.get_data(as_text=True)
    assert refused.status_code == 422 and "a meeting cancelled on the day cannot be rated" in html
    assert ">pioggia</textarea>" in html and "1 answer saved; the one marked below was not." in html
    stored = {f.meeting_id: f for f in db.session.execute(db.select(MeetingFeedback)).scalars()}
    assert list(stored) == [first] and stored[first].rating == 4


def test_a_note_or_continue_without_an_outcome_is_refused_in_place_never_dropped(app):
    """R8: a card with a private note and "continue" but no outcome is not silently dropped while the page says
    saved: it is refused in place, its typing kept, and counted as not saved."""
    client, page, first, second = _signed_in(app)
    refused = post_form(client, f"{page}/answers", {
        f"outcome-{first}": "no_show",
        f"note-{second}": "richiamare a gennaio", f"continue-{second}": "1", "at": str(first)}, page)
    html = refused.get_data(as_text=True)
    assert refused.status_code == 422 and "Refused: say whether the meeting took place" in html
    assert ">richiamare a gennaio</textarea>" in html and "1 answer saved; the one marked below was not." in html
    assert "answer is saved" not in html
    assert f'id="meeting-{second}" data-refused' in html  # R9: the mark the language switch carries
    assert 'data-not-saved="Not saved: this answer was refused.' in html
    stored = {f.meeting_id: f for f in db.session.execute(db.select(MeetingFeedback)).scalars()}
    assert second not in stored


def test_a_note_alone_without_an_outcome_is_refused_not_lost(app):
    client, page, first, second = _signed_in(app)
    refused = post_form(client, f"{page}/answers", {f"note-{second}": "da richiamare"}, page)
    html = refused.get_data(as_text=True)
    assert refused.status_code == 422 and "say whether the meeting took place" in html
    assert ">da richiamare</textarea>" in html and "Nothing to save" not in html


def test_two_refused_cards_have_an_error_of_their_own(app):
    client, page, first, second = _signed_in(app)
    refused = post_form(client, f"{page}/answers", {
        f"outcome-{first}": "cancelled", f"rating-{first}": "4",
        f"outcome-{second}": "cancelled", f"rating-{second}": "5"}, page)
    html = refused.get_data(as_text=True)
    assert refused.status_code == 422 and html.count('role="alert" id="followup-error-') == 2
    ids = re.findall(r'role="alert" id="(followup-error-\d+)"', html)
    assert ids == [f"followup-error-{first}", f"followup-error-{second}"] and 'id="followup-error"' not in html
    for meeting_id in (first, second):
        card = html.split(f'id="meeting-{meeting_id}"')[1].split("</li>")[0]
        assert card.count(f'aria-describedby="followup-error-{meeting_id}"') == 2  # both questions point to it
