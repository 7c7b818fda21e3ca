"""The public event page states how many organisations take part in all: a kind too small to be named no longer
vanishes."""
from __future__ import annotations

from datetime import datetime, timezone

from matchmaker.extensions import db
from tests.integration.events.test_public_event_page import _add, _event


def _taking_part(client, event, lang="en") -> str:
    html = client.get(f"/events/{event.id}/", headers={"Accept-Language": lang}).get_data(as_text=True)
    return " ".join(html.split('id="taking-part">', 1)[1].split("</p>", 1)[0].split())


def test_the_total_is_stated_when_a_small_kind_is_left_out(app, client):
    event, _ = _event()  # four SMEs
    _add(event, "investor")
    _add(event, "investor")
    assert _taking_part(client, event) == "Taking part so far: 6 organisations, including: 4 × SME."
    assert "Investor" not in _taking_part(client, event)  # two investors: counted, never named
    assert _taking_part(client, event, "it") == "Partecipano finora: 6 organizzazioni, tra cui: 4 × PMI."


def test_a_complete_breakdown_says_the_total_with_its_kinds(app, client):
    event, _ = _event()
    for _i in range(3):
        _add(event, "university")
    assert _taking_part(client, event) == "Taking part so far: 7 organisations (4 × SME · 3 × University)."
    event.status, event.closed_at = "closed", datetime(2027, 3, 10, 12, tzinfo=timezone.utc)  # after it began
    db.session.commit()
    assert _taking_part(client, event) == "Took part: 7 organisations (4 × SME · 3 × University)."
    _add(event, "investor")
    assert _taking_part(client, event) == "Took part: 8 organisations, including: 4 × SME · 3 × University."
    italian = "Hanno partecipato: 8 organizzazioni, tra cui: 4 × PMI · 3 × Università."
    assert _taking_part(client, event, "it") == italian
