"""A start-up whose round is beyond an investor's tickets loses the ticket weight and can get a negative stored
score: the card's tooltip and the API show it as 0, never "-0.13", and the order (`rank`) still follows the stored
scores."""
from __future__ import annotations

import re

from matchmaker.extensions import db
from matchmaker.models import Suggestion
from matchmaker.services.suggestions import rebuild_all
from tests.helpers import login, make_org, make_user
from tests.integration.test_review_api import bearer
from tests.integration.test_suggestions import world


def _pair():
    world()
    investor = make_org(name="Seed Fund", kind="investor", seek="medical devices for cardiology, wearable monitors",
                        ticket_min=250_000, ticket_max=1_000_000)
    investor.investor_stages, investor.investor_sectors = ["seed"], ["medical_devices"]
    beyond = make_org(name="Big Round", kind="startup", offer="implantable cardiac device; we also do software",
                      funding_stage="seed", funding_amount_sought=1_500_000, sectors=["medical_devices"])
    within = make_org(name="Fit Round", kind="startup", offer="wearable EEG headset", funding_stage="seed",
                      funding_amount_sought=500_000, sectors=["medical_devices"])
    db.session.commit()
    rebuild_all()
    return investor, beyond, within


def test_a_negative_stored_score_is_shown_as_zero_and_keeps_its_place(client):
    investor, beyond, within = _pair()
    stored = db.session.execute(db.select(Suggestion).where(Suggestion.source_id == investor.id,
                                                            Suggestion.target_id == beyond.id)).scalar_one()
    assert stored.score < 0  # the case itself: beyond the tickets, weak text
    user = make_user(organisation=investor)
    items = client.get("/api/v1/suggestions?kind=investor", headers=bearer(user)).get_json()["items"]
    by_name = {i["target"]["name"]: i for i in items}
    assert by_name["Big Round"]["score"] == 0 and by_name["Fit Round"]["score"] > 0
    assert [i["target"]["name"] for i in items] == ["Fit Round", "Big Round"]  # the stored order
    assert by_name["Fit Round"]["rank"] < by_name["Big Round"]["rank"]
    login(client, user)
    page = client.get("/matches/?kind=investor").get_data(as_text=True)
    scores = re.findall(r'title="match score ([^"]*)"', page)
    assert len(scores) == 2 and not [s for s in scores if s.startswith(("-", "−"))], scores
    assert page.index("Fit Round") < page.index("Big Round")
