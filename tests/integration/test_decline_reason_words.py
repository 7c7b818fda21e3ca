"""F17: the decline reasons say what is too early or too late (the partner's stage) and what is missing (our
capacity), in both languages; the stored codes are unchanged."""
from __future__ import annotations

import pytest

from matchmaker.models.review import TECH_REASONS
from matchmaker.services.suggestions import rebuild_all
from tests.helpers import login, make_user
from tests.integration.test_suggestions import world

WORDS = {"en": ("Too early-stage for us (TRL too low)", "Too late: already developed or partnered",
                "No capacity now (people or budget)"),
         "it": ("Fase troppo precoce per noi (TRL troppo basso)", "Troppo tardi: già sviluppato o con un partner",
                "Ora non abbiamo risorse (persone o budget)")}


@pytest.mark.parametrize("lang", ["en", "it"])
def test_the_decline_select_words_stage_and_capacity(client, lang):
    company, _lab, _ = world()
    rebuild_all()
    login(client, make_user(organisation=company, locale=lang))
    html = client.get("/matches/").get_data(as_text=True)
    for code, words in zip(("too_early", "too_late", "no_capacity"), WORDS[lang]):
        assert f'value="{code}"' in html and words in html
    assert ">Too early<" not in html and ">Troppo presto<" not in html and "Nessuna disponibilità" not in html
    assert TECH_REASONS[1:4] == ("too_early", "too_late", "no_capacity")
