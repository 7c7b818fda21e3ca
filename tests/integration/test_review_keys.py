"""The review queue's keyboard shortcuts are translated: Italian keys come from the Italian words, and the hint
under the card names the same keys the buttons answer to."""
from __future__ import annotations

import re

import pytest
from flask_babel import force_locale

from matchmaker.matches import labels
from matchmaker.services.suggestions import rebuild_all
from tests.helpers import csrf_token, login, make_user
from tests.integration.test_suggestions import world


def _keys(html: str) -> dict[str, str]:
    card = html.split('id="queue-item"')[1]
    found = dict(re.findall(r'data-key="(\w)"[^>]*>\s*(?:<summary[^>]*>)?([^<]+)<', card))
    return {k: v.strip() for k, v in found.items()}


@pytest.mark.parametrize("locale, expected, hint", [
    ("en", {"i": "Interested", "s": "Save for later", "d": "Decline…", "n": "Next"},
     "<kbd>I</kbd> interested, <kbd>S</kbd> save, <kbd>D</kbd> decline, <kbd>U</kbd> undo, <kbd>N</kbd> next."),
    ("it", {"m": "Mi interessa", "s": "Salva per dopo", "r": "Rifiuta…", "p": "Prossima"},
     "<kbd>M</kbd> mi interessa, <kbd>S</kbd> salva per dopo, <kbd>R</kbd> rifiuta, <kbd>A</kbd> annulla, "
     "<kbd>P</kbd> prossima."),
])
def test_the_queue_s_keys_and_hints_follow_the_language(client, locale, expected, hint):
    company, lab, _ = world()
    rebuild_all()
    login(client, make_user(organisation=company, locale=locale))
    html = client.get("/matches/review").get_data(as_text=True)
    assert _keys(html) == expected
    undo = hint.split(", ")[3]
    assert hint.replace(undo + ", ", "") in html  # nothing to undo yet: the key is not promised
    first = html.split('data-suggestion="')[1].split('"')[0]
    client.post(f"/matches/suggestions/{first}/feedback", data={
        "csrf_token": csrf_token(client, "/matches/review"), "next": "/matches/review", "action": "save"})
    html = client.get("/matches/review").get_data(as_text=True)
    assert hint in html  # the answer just given can be undone: its button is beside the confirmation
    key = undo.split("</kbd>")[0][-1].lower()
    assert f'data-key="{key}"' in html.split('id="review-notice"')[1].split('id="queue-item"')[0]


@pytest.mark.parametrize("locale", ["en", "it"])
def test_each_language_s_keys_are_distinct(app, locale):
    with app.test_request_context("/"), force_locale(locale):
        keys = [labels.key(action) for action in labels.KEY_ORDER]
    assert len(set(keys)) == len(keys) and all(len(k) == 1 for k in keys)
