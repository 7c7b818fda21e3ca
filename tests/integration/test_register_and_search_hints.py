"""The registration form preselects no kind of organisation and states the password rule beside the field before
any error; a text search of the directory without hits says that no organisation matches the words."""
from __future__ import annotations

import re

from matchmaker.extensions import db
from matchmaker.models import User
from tests.helpers import PASSWORD, login, make_org, make_user, post_form


def test_no_kind_is_preselected_and_one_must_be_chosen(client):
    page = client.get("/auth/register").get_data(as_text=True)
    kind = page.split('id="kind"', 1)[1].split("</select>", 1)[0]
    assert "selected" not in kind and re.search(r'<option value="">', kind)
    refused = post_form(client, "/auth/register", {"name": "Giulia", "email": "g@acme.example", "kind": "",
                                                   "organisation_name": "Acme", "password": PASSWORD,
                                                   "confirm": PASSWORD, "privacy": "y"}).get_data(as_text=True)
    assert "Choose the kind of organisation." in refused and db.session.execute(db.select(User)).first() is None


def test_the_password_rule_is_a_hint_before_any_error(client):
    page = client.get("/auth/register").get_data(as_text=True)
    password = page.split('id="password"', 1)[1].split('id="confirm"', 1)[0]
    assert '<p class="help" id="password-help">At least 10 characters.</p>' in password


def test_a_search_without_hits_speaks_of_the_words(client):
    make_org(name="Centro Diagnostico Besta")
    login(client, make_user())
    page = client.get("/profiles/?q=zzzqqq").get_data(as_text=True)
    assert "No organisation matches the words “zzzqqq”" in page and "these filters" not in page
    count = re.sub(r"\s+", " ", page.split('id="result-count">', 1)[1].split("</p>", 1)[0])
    assert count == "0 organisations"
    filtered = client.get("/profiles/?q=zzzqqq&kind=sme").get_data(as_text=True)
    assert "No organisation matches the words “zzzqqq” with these filters." in filtered
    assert "No organisation matches these filters." in client.get("/profiles/?kind=investor").get_data(True)
