"""The declined card after the newcomer walk: the member who declined sees their reason and note on the card."""
from __future__ import annotations

import re

from matchmaker.services.suggestions import rebuild_all
from tests.helpers import login, make_user
from tests.integration.test_review_pages import act, suggestion_of
from tests.integration.test_suggestions import world


def _card_note(html: str) -> str | None:
    found = re.search(r'<p class="decline-note">(.*?)</p>', html, re.S)
    return re.sub(r"\s+", " ", found.group(1)).strip() if found else None


def test_the_declined_card_shows_the_reason_and_note_to_who_declined(app, client):
    company, lab, _ = world()
    rebuild_all()
    alice = make_user(organisation=company, name="Alice Bianchi")
    login(client, alice)
    act(client, suggestion_of(company, lab), action="decline", reason="too_early", note="TRL 3 only")
    note = _card_note(client.get("/matches/?state=declined").get_data(as_text=True))
    assert note is not None and "Too early-stage for us (TRL too low)" in note and "“TRL 3 only”" in note
    colleague = app.test_client()
    login(colleague, make_user(organisation=company))
    assert _card_note(colleague.get("/matches/?state=declined").get_data(as_text=True)) is None


def _card_text(html: str) -> str:
    """The visible text of the page's main part, without the folded 'Who did what' history."""
    main = re.sub(r'<details class="history">.*?</details>', " ", html.split("<main", 1)[1], flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", main))


def test_a_declined_card_states_the_reason_once(app, client):
    company, lab, _ = world()
    rebuild_all()
    alice = make_user(organisation=company, name="Alice Bianchi", locale="it")
    login(client, alice)
    act(client, suggestion_of(company, lab), action="decline", reason="already_in_contact")
    html = client.get("/matches/?state=declined").get_data(as_text=True)
    text = _card_text(html)
    assert text.count("Già in contatto") == 1, text
    assert "Rifiutato: " not in text and "Hai rifiutato: Già in contatto" in text
    colleague = app.test_client()
    login(colleague, make_user(organisation=company, locale="it"))
    text = _card_text(colleague.get("/matches/?state=declined").get_data(as_text=True))
    assert text.count("Già in contatto") == 1 and "Rifiutato: " not in text
    assert "Rifiutato dalla tua organizzazione: Già in contatto" in text
