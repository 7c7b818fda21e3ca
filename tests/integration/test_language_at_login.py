"""A language chosen on the login page (logged out) becomes the saved preference at login; without an explicit
choice the saved preference stays."""
from __future__ import annotations

from matchmaker.extensions import db
from tests.helpers import login, logout, make_user, post_form
from tests.integration.test_i18n import lang


def test_a_choice_before_login_becomes_the_saved_preference(client):
    user = make_user(locale="en")
    post_form(client, "/language", {"lang": "it", "next": "/auth/login"}, form_url="/auth/login")
    login(client, user)
    db.session.refresh(user)
    assert user.locale == "it"
    assert lang(client.get("/").get_data(as_text=True)) == "it"
    logout(client)  # the choice was adopted once: a later login does not override the account page's setting
    user.locale = "en"
    db.session.commit()
    login(client, user)
    db.session.refresh(user)
    assert user.locale == "en" and lang(client.get("/").get_data(as_text=True)) == "en"


def test_without_a_choice_the_saved_preference_stays(client):
    user = make_user(locale="it")
    login(client, user)
    db.session.refresh(user)
    assert user.locale == "it"
    assert lang(client.get("/", headers={"Accept-Language": "en"}).get_data(as_text=True)) == "it"
