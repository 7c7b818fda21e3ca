"""Investors decline start-ups with an investor's reasons (thesis, stage, ticket, portfolio), stored as codes and
worded in both languages; the tech-transfer reasons stay as they were, and every older code stays valid."""
from __future__ import annotations

from matchmaker.extensions import db
from matchmaker.models import Feedback, Organisation, Suggestion
from matchmaker.services.suggestions import rebuild_all
from tests.helpers import csrf_token, login, make_user
from tests.integration.test_suggestions import _investor_world, world


def _suggestion(source, target_name: str) -> Suggestion:
    target = db.session.execute(db.select(Organisation).where(Organisation.name == target_name)).scalar_one()
    return db.session.execute(db.select(Suggestion).where(Suggestion.source_id == source.id,
                                                          Suggestion.target_id == target.id)).scalar_one()


def test_an_investor_declines_with_its_own_reasons_in_both_languages(client):
    _investor_world()
    rebuild_all()
    fund = db.session.execute(db.select(Organisation).where(Organisation.name == "Med Fund")).scalar_one()
    login(client, make_user(organisation=fund))
    html = client.get("/matches/?kind=investor").get_data(as_text=True)
    assert 'value="ticket_too_small"' in html and "Round too small for our tickets" in html
    assert 'value="outside_thesis"' in html and 'value="portfolio_conflict"' in html
    assert 'value="ip_unclear"' not in html and "IP unclear" not in html
    s = _suggestion(fund, "Wear Start")
    token = csrf_token(client, "/matches/?kind=investor")
    response = client.post(f"/matches/suggestions/{s.id}/feedback",
                           data={"action": "decline", "reason": "stage_mismatch", "csrf_token": token})
    assert response.status_code == 302
    assert db.session.execute(db.select(Feedback.reason)).scalar_one() == "stage_mismatch"
    declined = client.get("/matches/?kind=investor&state=declined").get_data(as_text=True)
    assert "Stage does not fit" in declined
    client.post("/auth/logout", data={"csrf_token": csrf_token(client, "/matches/")})
    login(client, make_user(organisation=fund, locale="it"))
    italian = client.get("/matches/?kind=investor&state=declined").get_data(as_text=True)
    assert "Rifiutato dalla tua organizzazione: Fase non adatta" in italian


def test_the_investor_reasons_read_in_italian(app):
    from flask_babel import force_locale

    from matchmaker.matches.labels import reason_options

    with app.test_request_context(), force_locale("it"):
        options = str(reason_options(investor=True))
    for words in ("Fuori dalla nostra tesi o dai nostri settori", "Fase non adatta",
                  "Round troppo piccolo per i nostri ticket", "Round troppo grande per i nostri ticket",
                  "Già nel nostro portafoglio, o lo è un concorrente", "Altro"):
        assert words in options


def test_tech_transfer_keeps_its_reasons_and_old_codes_stay_valid(client):
    company, lab, _ = world()
    rebuild_all()
    login(client, make_user(organisation=company))
    html = client.get("/matches/").get_data(as_text=True)
    assert 'value="ip_unclear"' in html and 'value="ticket_too_small"' not in html
    s = db.session.execute(db.select(Suggestion).where(Suggestion.source_id == company.id,
                                                       Suggestion.target_id == lab.id)).scalar_one()
    token = csrf_token(client, "/matches/")
    for reason in ("ip_unclear", "too_early"):
        client.post(f"/matches/suggestions/{s.id}/feedback",
                    data={"action": "decline", "reason": reason, "csrf_token": token})
        assert db.session.execute(db.select(Feedback.reason)).scalar_one() == reason


def test_the_insight_page_counts_investor_reasons_under_investors_only(client):
    from matchmaker.services import review

    _investor_world()
    rebuild_all()
    fund = db.session.execute(db.select(Organisation).where(Organisation.name == "Med Fund")).scalar_one()
    start = db.session.execute(db.select(Organisation).where(Organisation.name == "Wear Start")).scalar_one()
    review.give_feedback(fund, start, "investor", "decline", None, reason="ticket_too_large")
    login(client, make_user(role="organiser"))
    html = client.get("/matches/insight").get_data(as_text=True)
    assert "Round too large for our tickets" in html
    assert html.count("Round too small for our tickets") == 1  # in the investor chart, not the tech-transfer one
