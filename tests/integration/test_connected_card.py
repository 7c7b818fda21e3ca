"""A connected partner's card on the suggestions page says so, links to the contact details, and its decline form
and its Undo warn that they end the connection (Undo asks first, as Decline does)."""
from __future__ import annotations

from matchmaker.services.review import is_connected
from matchmaker.services.suggestions import rebuild_all
from tests.helpers import login, make_user
from tests.integration.test_review_api import bearer
from tests.integration.test_review_pages import act, suggestion_of
from tests.integration.test_suggestions import world


def _card(html: str, suggestion_id: int) -> str:
    start = html.index(f'id="suggestion-{suggestion_id}"')
    end = html.find('id="suggestion-', start + 10)
    return html[start:end if end > 0 else len(html)]


def test_a_connected_partners_card_says_connected_links_the_contact_and_warns_before_declining(client):
    company, lab, _ = world()
    rebuild_all()
    alice = make_user(organisation=company)
    login(client, alice)
    s = suggestion_of(company, lab)
    act(client, s, action="interested")
    card = _card(client.get("/matches/?state=interested").get_data(as_text=True), s.id)
    assert "Connected" not in card and "ends your connection" not in card  # interest alone is no connection
    response = client.post(f"/api/v1/organisations/{company.id}/interest", headers=bearer(make_user(organisation=lab)),
                           json={"action": "interested"})
    assert response.json["connected"] is True
    card = _card(client.get("/matches/?state=interested").get_data(as_text=True), s.id)
    assert 'class="badge state-connected">Connected</span>' in card
    assert f'href="/profiles/{lab.id}#contact"' in card
    assert "They are interested in you" not in card
    assert "Declining ends your connection with Liver Lab" in card
    assert "your conversation in Messages closes (it stays readable and reopens if you both" in card
    assert is_connected(company.id, lab.id)
    act(client, s, action="decline", reason="not_relevant")
    assert not is_connected(company.id, lab.id)  # what the warning said


def test_the_connected_card_in_italian(client):
    company, lab, _ = world()
    rebuild_all()
    login(client, make_user(organisation=company, locale="it"))
    s = suggestion_of(company, lab)
    act(client, s, action="interested")
    client.post(f"/api/v1/organisations/{company.id}/interest", headers=bearer(make_user(organisation=lab)),
                json={"action": "interested"})
    card = _card(client.get("/matches/?state=interested").get_data(as_text=True), s.id)
    assert "Collegati" in card and "I loro contatti" in card
    assert "Rifiutare chiude il collegamento con Liver Lab" in card
    assert "la conversazione in Messaggi si chiude (resta leggibile e si riapre" in card
    assert "Annullare il tuo interesse chiude il collegamento con Liver Lab" in card


def test_undo_on_a_connected_card_asks_first_and_says_what_it_ends(client):
    company, lab, _ = world()
    rebuild_all()
    login(client, make_user(organisation=company))
    s = suggestion_of(company, lab)
    act(client, s, action="interested")
    card = _card(client.get("/matches/?state=interested").get_data(as_text=True), s.id)
    assert 'value="undo" class="button"' in card and "confirm-undo" not in card  # not connected: one click
    client.post(f"/api/v1/organisations/{company.id}/interest", headers=bearer(make_user(organisation=lab)),
                json={"action": "interested"})
    card = _card(client.get("/matches/?state=interested").get_data(as_text=True), s.id)
    undo = card.split('class="confirm-withdraw confirm-undo"', 1)[1].split("</details>", 1)[0]
    assert "<summary class=\"button\">Undo…</summary>" in undo
    assert "Undoing your interest ends your connection with Liver Lab" in undo
    assert 'value="undo" class="button danger">Yes, undo and end the connection</button>' in undo
    assert card.count('value="undo"') == 1  # no bare one-click Undo beside it
    act(client, s, action="undo")
    assert not is_connected(company.id, lab.id)  # what the warning said
