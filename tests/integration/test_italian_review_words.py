"""Italian review wording after the newcomer walk: the history says "— motivo: fase troppo precoce per noi (TRL troppo
basso)", not "(Troppo presto)";
the Interested button ("Mi interessa") and the state ("Interesse espresso") are separate messages, neither of them
a masculine adjective about an organisation."""
from __future__ import annotations

import re

from matchmaker.services.suggestions import rebuild_all
from tests.helpers import login, make_user
from tests.integration.test_review_pages import act, suggestion_of
from tests.integration.test_suggestions import world


def _history(html: str) -> str:
    found = re.search(r'<details class="history">(.*?)</details>', html, re.S)
    assert found, "no history"
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", found.group(1)))


def test_the_history_names_the_reason_in_words(client):
    company, lab, _ = world()
    rebuild_all()
    login(client, make_user(organisation=company, name="Mario Rossi", locale="it"))
    act(client, suggestion_of(company, lab), action="decline", reason="too_early")
    history = _history(client.get("/matches/?state=declined").get_data(as_text=True))
    assert "Mario Rossi l’ha rifiutato — motivo: fase troppo precoce per noi (TRL troppo basso)" in history, history
    assert "(Troppo presto)" not in history


def test_the_history_keeps_an_acronym_and_reads_in_english(client):
    company, lab, _ = world()
    rebuild_all()
    login(client, make_user(organisation=company, name="Ann Lee"))
    act(client, suggestion_of(company, lab), action="decline", reason="ip_unclear")
    history = _history(client.get("/matches/?state=declined").get_data(as_text=True))
    assert "Ann Lee declined it — reason: IP unclear" in history, history


def test_the_button_and_the_state_have_their_own_italian_words(client):
    company, lab, _ = world()
    rebuild_all()
    login(client, make_user(organisation=company, locale="it"))
    page = client.get("/matches/").get_data(as_text=True)
    assert re.search(r'value="interested"[^>]*>Mi interessa</button>', page)
    assert re.search(r'value="interested"[^>]*>Mi interessa</button>',
                     client.get(f"/profiles/{lab.id}").get_data(as_text=True))
    act(client, suggestion_of(company, lab), action="interested")
    page = client.get("/matches/").get_data(as_text=True)
    assert '<span class="badge state-interested">Interesse espresso</span>' in page
    assert "Interessato" not in page and "Interessata" not in page
