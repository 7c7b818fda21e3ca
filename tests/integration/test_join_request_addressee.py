"""F8: a request to join an organisation without members goes to the cluster's organisers, and the flash and the
home page say so (not "sent to its members"), in both languages."""
from __future__ import annotations

import pytest

from tests.helpers import login, make_org, make_user, post_form

WORDS = {"en": ("was sent to the cluster’s organisers", "it has no members yet"),
         "it": ("è stata inviata agli organizzatori del cluster", "non ha ancora membri")}


@pytest.mark.parametrize("lang", ["en", "it"])
def test_a_request_to_a_memberless_organisation_names_the_organisers(app, client, lang):
    unimi = make_org(name="UNIVERSITA DEGLI STUDI DI MILANO")
    make_user(role="organiser")
    mario = make_user(organisation_id=None, locale=lang)
    login(client, mario)
    flashed = post_form(client, f"/membership/join/{unimi.id}", {}, form_url="/membership/join",
                        follow_redirects=True).get_data(as_text=True)
    sent, home_words = WORDS[lang]
    assert sent in flashed and "sent to its members" not in flashed and "inviata ai suoi membri" not in flashed
    home = client.get("/").get_data(as_text=True)
    assert home_words in home and "its members have not" not in home and "i suoi membri non" not in home


def test_a_request_to_an_organisation_with_members_still_names_its_members(app, client):
    dompe = make_org(name="DOMPE FARMACEUTICI SPA")
    make_user(organisation_id=dompe.id)
    giulia = make_user(organisation_id=None)
    login(client, giulia)
    flashed = post_form(client, f"/membership/join/{dompe.id}", {}, form_url="/membership/join",
                        follow_redirects=True).get_data(as_text=True)
    assert "was sent to its members" in flashed
    assert "its members have not answered yet" in client.get("/").get_data(as_text=True)
