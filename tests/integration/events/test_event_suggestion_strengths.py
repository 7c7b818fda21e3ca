"""An event's suggested meetings label strengths by the rule of the suggestions page (review_list): no "Strong"
below a "Good" (the engine's own labels, best score first, said "Good" then "Strong")."""
from __future__ import annotations

import re
from types import SimpleNamespace

from matchmaker.extensions import db
from matchmaker.matching.reasons import Reasons
from matchmaker.models import EventParticipant, Organisation
from matchmaker.services import review_list
from tests.helpers import login
from tests.integration.events.builders import small_event


def test_the_event_suggestions_never_read_stronger_down_the_list(app, client, monkeypatch):
    event, people, _ = small_event(people=5, accounts=True, pairs=())
    me = db.session.get(EventParticipant, people[0].id)
    others = [db.session.get(Organisation, db.session.get(EventParticipant, p.id).organisation_id)
              for p in people[1:]]
    own = ["good", "strong", "possible", "strong"]  # the engine's labels, by descending score

    reasons = {org.id: Reasons([], strength, "seek") for org, strength in zip(others, own)}

    def stored_suggestions(organisation, kind):
        if kind != "tech-transfer":
            return []
        return [(SimpleNamespace(score=1.0 - i / 10), org) for i, org in enumerate(others)]

    monkeypatch.setattr("matchmaker.services.suggestions.stored_suggestions", stored_suggestions)
    monkeypatch.setattr("matchmaker.services.suggestions.explainer",
                        lambda organisation: lambda suggestion, target: reasons[target.id])
    login(client, me.user)
    page = client.get(f"/events/{event.id}/suggestions").get_data(as_text=True)
    labels = re.findall(r'<p class="strength[^"]*">(\w+) match', page)
    assert labels == ["Good", "Good", "Possible", "Possible"]
    names = re.findall(r'<li class="card"><h2>(Person \d)', page)
    assert names == ["Person 1", "Person 2", "Person 3", "Person 4"]  # the order stays the score's


def test_capped_is_the_suggestions_page_rule():
    reasons = [Reasons([], s, "seek") for s in ("strong", "good", "strong", "possible", "good")]
    assert [r.strength for r in review_list.capped(reasons)] == ["strong", "good", "good", "possible", "possible"]
    assert review_list.capped(reasons)[0] is reasons[0]  # untouched where nothing is capped
