"""Notifications: the bell's count, the list in the reader's language, opening one, the e-mail preference."""
from __future__ import annotations

import logging
import re

import pytest

from matchmaker.extensions import db
from matchmaker.models import Notification
from matchmaker.services.notifications import notify, notify_many
from tests.helpers import login, make_user, post_form


def test_bell_counts_unread_and_opening_marks_read_and_follows_the_link(client):
    user = make_user()
    first = notify(user, "api_token_created", {"name": "CRM"}, "/account/tokens/", mail=False)
    notify(user, "api_token_created", {"name": "laptop"}, mail=False)
    login(client, user)
    html = client.get("/notifications/").get_data(as_text=True)
    assert '<span class="badge">2</span>' in html and "“CRM”" in html and "“laptop”" in html
    response = post_form(client, f"/notifications/{first.id}/open", {}, form_url="/notifications/")
    assert response.status_code == 302 and response.headers["Location"].endswith("/account/tokens/")
    assert db.session.get(Notification, first.id).read_at is not None
    assert '<span class="badge">1</span>' in client.get("/notifications/").get_data(as_text=True)
    post_form(client, "/notifications/read", {}, form_url="/notifications/")
    assert 'class="badge"' not in client.get("/notifications/").get_data(as_text=True)


@pytest.mark.parametrize("locale, expected", [("en", "Thu, Mar 12, 2026, 14:30"), ("it", "gio 12 mar 2026, 14:30")])
def test_notification_times_read_with_the_year_and_a_24_hour_clock(client, locale, expected):
    from datetime import datetime, timezone

    user = make_user(locale=locale)
    note = notify(user, "api_token_created", {"name": "CRM"}, mail=False)
    note.created_at = datetime(2026, 3, 12, 13, 30, tzinfo=timezone.utc)  # 14:30 in Milan
    db.session.commit()
    login(client, user)
    html = client.get("/notifications/").get_data(as_text=True)
    # No 12-hour clock anywhere (not just "PM" in the page: a random CSRF token may contain those letters).
    assert expected in html and not re.search(r"\d{1,2}:\d{2}\s*[AP]M", html)


def test_nobody_opens_another_users_notification(client):
    owner, other = make_user(), make_user()
    note = notify(owner, "api_token_created", {"name": "x"}, mail=False)
    login(client, other)
    assert post_form(client, f"/notifications/{note.id}/open", {}, form_url="/notifications/").status_code == 404
    assert "“x”" not in client.get("/notifications/").get_data(as_text=True)
    assert db.session.get(Notification, note.id).read_at is None


def test_notification_is_worded_in_the_readers_language(client):
    user = make_user(locale="it")
    notify(user, "api_token_created", {"name": "CRM"}, mail=False)
    login(client, user)
    html = client.get("/notifications/").get_data(as_text=True)
    assert "token" in html and "“CRM”" in html and "was created for your account" not in html


def test_mail_follows_the_preference_and_the_readers_language(client, caplog):
    keen, quiet = make_user(locale="it"), make_user()
    quiet.notify_by_email = False
    db.session.commit()
    client.application.config["PUBLIC_URL"] = "https://mm.example.org"  # outside a request: the link needs it
    with caplog.at_level(logging.WARNING):
        notify_many([keen, quiet], "api_token_created", {"name": "CRM"}, "/account/tokens/")
    mailed = [r.getMessage() for r in caplog.records if "Mail not configured" in r.getMessage()]
    assert len(mailed) == 1 and keen.email in mailed[0] and quiet.email not in mailed[0]
    assert "https://mm.example.org/account/tokens/" in mailed[0] and "Ciao" in mailed[0]
    assert db.session.scalar(db.select(db.func.count(Notification.id))) == 2  # both still see it in the app


def test_email_preference_is_saved_from_the_page(client):
    user = make_user()
    login(client, user)
    post_form(client, "/notifications/email", {"enabled": "0"}, form_url="/notifications/")
    assert db.session.get(type(user), user.id).notify_by_email is False


def test_codes_without_wording_and_outside_links_are_refused(app):
    user = make_user()
    with pytest.raises(ValueError):
        notify(user, "no_such_code")
    with pytest.raises(ValueError):
        notify(user, "api_token_created", {"name": "x"}, "https://evil.example/")
