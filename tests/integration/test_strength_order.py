"""The strength labels agree with the order: no card reads stronger than one ranked above it (ranking untouched)."""
from __future__ import annotations

import re

from flask import current_app

from matchmaker.extensions import db
from matchmaker.matching.reasons import Reasons
from matchmaker.models import Suggestion
from matchmaker.services import review_list
from matchmaker.services.suggestions import rebuild_all
from tests.helpers import login, make_org, make_user
from tests.integration.test_suggestions import world as small_world

LEVEL = {"possible": 0, "good": 1, "strong": 2}
LABEL = re.compile(r'class="strength strength-(\w+)"')


def world():
    """A company and seven labs offering what it seeks (in different words), beside the usual fillers."""
    company, lab, other = small_world()
    for n, extra in enumerate(("assays", "screening", "hepatocytes", "imaging", "biobank", "bioreactors")):
        make_org(name=f"Organoid Lab {n}", kind="university", offer=f"Liver organoid {extra} for toxicology")
    return company, lab, other


def fake_evidence(monkeypatch, strengths):
    """The engine's own strength per rank (1-based), as if the evidence gave these labels."""
    def explainer(organisation):
        def explain(suggestion, target):
            return Reasons([], strengths.get(suggestion.rank, "possible"), "seek")
        return explain

    monkeypatch.setattr(review_list, "explainer", explainer)
    current_app.extensions.pop("page_cache", None)  # kept strengths came from the evidence faked before


def test_labels_never_rise_down_the_list_but_the_order_and_scores_stay(client, monkeypatch):
    company, _, _ = world()
    rebuild_all()
    stored = [(s.target_id, s.score) for s in db.session.execute(db.select(Suggestion).where(
        Suggestion.source_id == company.id).order_by(Suggestion.rank)).scalars()]
    assert len(stored) >= 4
    fake_evidence(monkeypatch, {1: "strong", 2: "good", 3: "strong", 4: "possible", 5: "strong"})
    login(client, make_user(organisation=company))
    html = client.get("/matches/?kind=tech-transfer").get_data(as_text=True)
    labels = LABEL.findall(html)
    assert labels[:5] == ["strong", "good", "good", "possible", "possible"]
    assert all(LEVEL[a] >= LEVEL[b] for a, b in zip(labels, labels[1:]))
    assert "Good match" in html and "Strong match" in html
    page = review_list.review_page(company, "tech-transfer", review_list.ReviewFilters())
    assert [(i.target.id, i.suggestion.score) for i in page.items] == stored[:len(page.items)]  # order kept
    assert page.items[2].evidence.strength == "strong"  # the engine's own verdict is untouched


def test_the_cap_carries_over_to_the_next_page_and_into_the_queue(client, monkeypatch):
    company, _, _ = world()
    rebuild_all()
    fake_evidence(monkeypatch, {1: "strong", 2: "good", **{n: "strong" for n in range(3, 40)}})
    page = review_list.review_page(company, "tech-transfer", review_list.ReviewFilters(), page=1, size=2)
    assert [i.reasons.strength for i in page.items] == ["strong", "good"]
    page = review_list.review_page(company, "tech-transfer", review_list.ReviewFilters(), page=2, size=2)
    assert [i.reasons.strength for i in page.items] == ["good", "good"]  # ranked below a "good" one
    fake_evidence(monkeypatch, {1: "strong", 7: "possible", **{n: "strong" for n in range(2, 40) if n != 7}})
    _, left = review_list.queue_item(company, "tech-transfer", 0)
    queue = [review_list.queue_item(company, "tech-transfer", skip)[0] for skip in range(left)]
    assert [i.suggestion.rank for i in queue][-2:] == [7, 8]  # the queue's own order (strongest, then newest)
    assert [i.reasons.strength for i in queue][-3:] == ["strong", "possible", "possible"]


def test_a_card_kept_in_the_page_cache_follows_its_place_in_the_list(client, monkeypatch):
    from matchmaker.services import review

    company, _, _ = world()
    rebuild_all()
    fake_evidence(monkeypatch, {1: "possible", **{n: "strong" for n in range(2, 40)}})
    user = make_user(organisation=company)
    login(client, user)
    assert LABEL.findall(client.get("/matches/?kind=tech-transfer").get_data(as_text=True))[:2] == [
        "possible", "possible"]
    first = db.session.execute(db.select(Suggestion).where(Suggestion.source_id == company.id, Suggestion.rank == 1)
                               ).scalar_one()
    target = db.session.get(type(company), first.target_id)
    review.give_feedback(company, target, "tech-transfer", "save", user)  # saved: no re-ranking, scores stay
    new_only = client.get("/matches/?kind=tech-transfer&state=new").get_data(as_text=True)  # the first one is out
    assert LABEL.findall(new_only)[:2] == ["strong", "strong"]
