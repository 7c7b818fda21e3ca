"""Answering a suggestion returns to the card (or the one after it); a failed decline keeps its form open."""
from __future__ import annotations

from matchmaker.extensions import db
from matchmaker.models import Feedback, Organisation, Suggestion
from matchmaker.services.suggestions import rebuild_all
from tests.helpers import csrf_token, login, make_user
from tests.integration.test_strength_order import world


def listed(company) -> list[Suggestion]:
    return list(db.session.execute(db.select(Suggestion).where(
        Suggestion.source_id == company.id, Suggestion.kind == "tech-transfer").order_by(Suggestion.rank)).scalars())


def card_html(html: str, suggestion) -> str:
    card = html[html.index(f'id="suggestion-{suggestion.id}"'):]
    return card[:min(i for i in (card.find('<li class="card"', 1), card.find("</ol>")) if i > 0)]


def answer(client, suggestion, page="/matches/?kind=tech-transfer", **data):
    """Post the card's own form as the page renders it (its hidden fields included)."""
    card = card_html(client.get(page).get_data(as_text=True), suggestion)
    fields = {}
    if 'name="after"' in card:
        fields["after"] = card.split('name="after" value="')[1].split('"')[0]
    return client.post(f"/matches/suggestions/{suggestion.id}/feedback",
                       data=dict(fields, csrf_token=csrf_token(client, page), next=page, **data))


def test_an_answer_returns_to_its_card_or_to_the_next_one(client):
    company, _, _ = world()
    rebuild_all()
    login(client, make_user(organisation=company))
    first, second, third = listed(company)[:3]
    response = answer(client, second, action="save")
    assert response.status_code == 302
    assert response.location.endswith(f"/matches/?kind=tech-transfer#suggestion-{second.id}")
    response = answer(client, second, action="decline", reason="too_early")  # it leaves the list: the next card
    assert response.location.endswith(f"#suggestion-{third.id}")
    response = answer(client, first, page="/matches/?kind=tech-transfer&state=new", action="interested")
    assert response.location.endswith(f"#suggestion-{third.id}")  # "new" only: the card after it (second is gone)


def test_a_failed_other_decline_opens_again_with_the_reason_and_names_the_partner(client):
    company, _, _ = world()
    rebuild_all()
    login(client, make_user(organisation=company))
    first = listed(company)[0]
    response = answer(client, first, action="decline", reason="other", note=" ")
    assert response.location.endswith(f"#suggestion-{first.id}")
    assert db.session.execute(db.select(db.func.count()).select_from(Feedback)).scalar_one() == 0
    card = card_html(client.get("/matches/?kind=tech-transfer").get_data(as_text=True), first)
    assert '<details class="decline"  open>' in card
    assert '<option value="other" selected>' in card
    name = db.session.get(Organisation, first.target_id).name
    error = card[card.index('class="errors decline-error"'):]
    assert f"why you decline {name}" in error[:error.index("</p>")]
    again = client.get("/matches/?kind=tech-transfer").get_data(as_text=True)  # shown once
    assert "decline-error" not in again and 'selected>' not in again


def test_the_queue_keeps_a_failed_decline_open_too(client):
    company, _, _ = world()
    rebuild_all()
    login(client, make_user(organisation=company))
    page = "/matches/review?kind=tech-transfer"
    shown = int(client.get(page).get_data(as_text=True).split('data-suggestion="')[1].split('"')[0])
    response = client.post(f"/matches/suggestions/{shown}/feedback", data={
        "csrf_token": csrf_token(client, page), "next": page, "action": "decline", "reason": "other", "note": ""})
    assert response.status_code == 302
    html = client.get(page).get_data(as_text=True)
    assert '<option value="other" selected>' in html and "decline-error" in html and " open>" in html


def test_the_field_a_failed_decline_is_about_is_marked_invalid_and_described_by_the_error(client):
    import re

    company, _, _ = world()
    rebuild_all()
    login(client, make_user(organisation=company))
    first, second = listed(company)[:2]
    answer(client, first, action="decline", reason="other", note="")
    card = card_html(client.get("/matches/?kind=tech-transfer").get_data(as_text=True), first)
    note = re.search(r'<input type="text" name="note"[^>]*>', card).group(0)
    assert 'aria-invalid="true"' in note and f'aria-describedby="decline-error-{first.id}"' in note
    assert 'aria-invalid' not in re.search(r'<select name="reason"[^>]*>', card).group(0)
    answer(client, second, action="decline", reason="")
    card = card_html(client.get("/matches/?kind=tech-transfer").get_data(as_text=True), second)
    reason = re.search(r'<select name="reason"[^>]*>', card).group(0)
    assert 'aria-invalid="true"' in reason and f'aria-describedby="decline-error-{second.id}"' in reason
    assert 'aria-invalid' not in re.search(r'<input type="text" name="note"[^>]*>', card).group(0)
