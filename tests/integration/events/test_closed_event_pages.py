"""A closed event, participant side: the suggestions page says the event is over (with the follow-up link), not that
the agenda is being prepared; the read-only availability page has no Save button; the printed agenda hides the
screen-only "new since the last publication" badge."""
from __future__ import annotations

import pytest

from matchmaker.extensions import db
from matchmaker.models import Event, User
from matchmaker.services.events_settings import set_status
from tests.helpers import login
from tests.integration.events.day_builders import published_day
from tests.integration.events.test_followup_refusal_reload import after_the_event  # noqa: F401  (autouse)


@pytest.mark.parametrize("locale, over", [("en", "The event is over: meeting requests are closed."),
                                          ("it", "L’evento è concluso: le richieste di incontro sono chiuse.")])
def test_a_closed_event_s_suggestions_and_availability_say_it_is_over(app, locale, over):
    event, people, _meetings = published_day()
    set_status(db.session.get(Event, event.id), "closed")
    db.session.commit()
    user = db.session.get(User, people[0].user_id)
    user.locale = locale
    db.session.commit()
    client = app.test_client()
    login(client, user)
    page = client.get(f"/events/{event.id}/suggestions").get_data(as_text=True)
    assert over in page and "preparing the agenda" not in page and f"/events/{event.id}/followup" in page
    availability = client.get(f"/events/{event.id}/availability").get_data(as_text=True)
    assert 'id="availability-over"' in availability and 'type="submit"' not in availability.split(
        'class="form availability"')[1].split("</form>")[0]


def test_the_printed_agenda_hides_the_new_since_publication_badge(app, client):
    css = client.get("/static/css/events.css").get_data(as_text=True)
    rules = [block for block in css.split("@media print")[1:] if ".agenda-changed" in block.split("}")[0]]
    assert rules and "display: none" in rules[0].split("}")[0]
