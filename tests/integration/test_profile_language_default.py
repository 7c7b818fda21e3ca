"""A new profile's "Language of the texts" is the language the registrant uses the site in, not always English."""
from __future__ import annotations

import re

from matchmaker.extensions import db
from matchmaker.models import User
from matchmaker.services.accounts import find_user
from tests.helpers import login, make_org, make_user, post_form
from tests.integration.test_auth import _link_from_log, register

SELECTED = re.compile(r'<select[^>]*name="language".*?</select>', re.S)


def chosen_language(html: str) -> str:
    return re.search(r'<option selected value="(\w+)"|<option value="(\w+)" selected', SELECTED.search(html).group()
                     ).group(0).split('"')[1]


def test_registering_in_italian_makes_an_italian_profile(client, caplog):
    post_form(client, "/language", {"lang": "it", "next": "/auth/register"}, form_url="/auth/register")
    register(client)
    client.get(_link_from_log(caplog, "confirm"))
    user = db.session.get(User, find_user("giulia@acme.example").id)
    assert user.organisation.language == "it"
    assert chosen_language(client.get(f"/profiles/{user.organisation_id}/edit").get_data(as_text=True)) == "it"


def test_an_empty_unsaved_profile_offers_the_readers_language_a_written_one_keeps_its_own(client):
    empty, written = make_org(name="Nuova Srl"), make_org(name="Scritta Srl", offer="Organoidi epatici")
    assert empty.language == written.language == "en"
    user = make_user(organisation=empty, locale="it")
    login(client, user)
    assert chosen_language(client.get(f"/profiles/{empty.id}/edit").get_data(as_text=True)) == "it"
    admin = make_user(role="admin", locale="it")
    login(client, admin)
    assert chosen_language(client.get(f"/profiles/{written.id}/edit").get_data(as_text=True)) == "en"
