"""F23: the organisers' insight counts a pair as reviewed and interested whichever page expressed the interest
(a profile page, the Connections page, an event's follow-up: no suggestion-list feedback row), and shows the
connections made."""
from __future__ import annotations

from matchmaker.services import review, review_insight
from tests.helpers import login, make_org, make_user


def _stats():
    return {s.kind: s for s in review_insight.by_kind()}


def test_interests_from_outside_the_suggestion_lists_count(app, client):
    dompe = make_org(name="Dompé", kind="large_company")
    besta = make_org(name="Besta", kind="irccs_hospital")
    aphp = make_org(name="AP-HP", kind="irccs_hospital")
    fund = make_org(name="Fund", kind="investor")
    start = make_org(name="Neo", kind="startup")
    review.express_interest(dompe, besta, "interested", None)  # a profile page
    review.express_interest(besta, dompe, "interested", None)  # the Connections page: they connect
    review.express_interest(dompe, aphp, "interested", None, via="followup")  # an event's follow-up
    review.express_interest(fund, start, "interested", None)
    stats = _stats()
    tech = stats["tech-transfer"]
    assert (tech.reviewed, tech.interested, tech.connections, tech.declined) == (3, 3, 1, 0)
    assert tech.rate(tech.interested) == 1.0
    assert (stats["investor"].reviewed, stats["investor"].interested, stats["investor"].connections) == (1, 1, 0)
    login(client, make_user(role="organiser"))
    html = client.get("/matches/insight").get_data(as_text=True)
    assert "<strong>3</strong> reviewed" in html and "<strong>1</strong> connection made" in html


def test_a_list_answer_and_the_interest_it_makes_count_once(app):
    company = make_org(name="Co", kind="sme")
    lab = make_org(name="Lab", kind="university")
    other = make_org(name="Other Lab", kind="university")
    review.give_feedback(company, lab, "tech-transfer", "interested", None)
    review.give_feedback(company, other, "tech-transfer", "decline", None, reason="too_early")
    tech = _stats()["tech-transfer"]
    assert (tech.reviewed, tech.interested, tech.declined, tech.reasons["too_early"]) == (2, 1, 1, 1)
