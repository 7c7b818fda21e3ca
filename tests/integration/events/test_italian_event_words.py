"""Italian wording of the events: one declined request reads "rifiutata" (its own context, not the plural share),
the mails name the event as "per l’evento «…»", and the scheduler's tier reads "richieste di una sola parte" (not
"non ricambiate", which read as "not accepted")."""
from __future__ import annotations

from flask_babel import force_locale

from matchmaker.extensions import db
from matchmaker.models import MeetingRequest
from matchmaker.notification_wording import describe
from tests.helpers import login, make_user
from tests.integration.events.builders import small_event


def test_one_declined_request_reads_rifiutata(app, client):
    organiser = make_user(role="organiser", locale="it")
    event, people, _ = small_event(organiser=organiser, pairs=())
    db.session.add(MeetingRequest(event_id=event.id, requester_id=people[0].id, target_id=people[1].id,
                                  state="declined", decline_reason="other"))
    db.session.commit()
    login(client, organiser)
    page = client.get(f"/events/{event.id}/requests").get_data(as_text=True)
    assert "rifiutata · Altro" in page and "rifiutati" not in page


def test_event_sentences_read_naturally_in_italian(app):
    from matchmaker.events import wording

    with app.test_request_context(), force_locale("it"):
        asked = describe("event_request_received", {"name": "Anna", "event": "Giornata del partenariato"})
        changed = describe("event_agenda_changed", {"event": "Giornata", "new": 0, "moved": 0, "cancelled": 1})
        tier = wording.tier("one_sided")
    with app.test_request_context(), force_locale("en"):
        assert wording.tier("one_sided") == "requests from one side only"
    assert asked == "Anna ti chiede un incontro per l’evento «Giornata del partenariato»."
    assert changed.startswith("La tua agenda per l’evento «Giornata» è cambiata")
    assert tier == "richieste di una sola parte"
