"""Sessions and remember cookies end on logout, password change and reset; cookie flags; no user enumeration."""
from __future__ import annotations

import re
import time
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime

from matchmaker.extensions import db
from matchmaker.models import User
from matchmaker.services import accounts
from tests.helpers import PASSWORD, csrf_token, make_user, post_form

NEW_PASSWORD = "a much longer secret 42"


def remembered_login(client, user, password: str = PASSWORD):
    """Log in with "keep me logged in" ticked."""
    response = post_form(client, "/auth/login", {"email": user.email, "password": password, "remember": "y"})
    assert response.status_code == 302
    return response


def copy_cookies(source, target, only: str | None = None) -> None:
    """What a thief holding the browser's cookies would send (optionally one cookie alone)."""
    for name in ("session", "remember_token"):
        cookie = source.get_cookie(name)
        if cookie is not None and (only is None or name == only):
            target.set_cookie(name, cookie.value)


def logged_in(client) -> bool:
    return client.get("/profiles/").status_code == 200


def test_remember_cookie_flags_follow_the_session_cookie(app, client):
    app.config.update(SESSION_COOKIE_SECURE=True, REMEMBER_COOKIE_SECURE=True)
    response = remembered_login(client, make_user())
    header = [h for h in response.headers.getlist("Set-Cookie") if h.startswith("remember_token=")][0]
    assert "SameSite=Lax" in header and "Secure" in header and "HttpOnly" in header
    expires = parsedate_to_datetime(re.search(r"Expires=([^;]+)", header).group(1))
    days = (expires - datetime.now(timezone.utc)).total_seconds() / 86400
    assert 29.9 < days <= 30


def test_default_config_ties_remember_flags_to_session_flags():
    from matchmaker.config import Config
    assert Config.REMEMBER_COOKIE_SAMESITE == "Lax"
    assert Config.REMEMBER_COOKIE_SECURE == Config.SESSION_COOKIE_SECURE
    assert Config.REMEMBER_COOKIE_DURATION.days == 30


def test_remember_cookie_alone_logs_in_until_logout(app):
    user = make_user()
    browser, thief = app.test_client(), app.test_client()
    remembered_login(browser, user)
    copy_cookies(browser, thief, only="remember_token")
    assert logged_in(thief)  # the cookie works as designed...
    post_form(browser, "/auth/logout", {}, form_url="/")
    fresh = app.test_client()
    copy_cookies(thief, fresh, only="remember_token")
    assert not logged_in(thief) and not logged_in(fresh)  # ...and stops working at logout


def test_logout_ends_every_session(app):
    user = make_user()
    first, second = app.test_client(), app.test_client()
    remembered_login(first, user)
    remembered_login(second, user)
    post_form(first, "/auth/logout", {}, form_url="/")
    assert not logged_in(second)
    remembered_login(first, user)  # logging in again works
    assert logged_in(first)


def test_remember_cookie_differs_after_a_logout(app, client):
    user = make_user()
    remembered_login(client, user)
    before = client.get_cookie("remember_token").value
    post_form(client, "/auth/logout", {}, form_url="/")
    remembered_login(client, user)
    assert client.get_cookie("remember_token").value != before


def test_password_change_ends_other_sessions_but_keeps_this_one(app):
    user = make_user()
    here, elsewhere, stolen = app.test_client(), app.test_client(), app.test_client()
    remembered_login(here, user)
    remembered_login(elsewhere, user)
    copy_cookies(elsewhere, stolen, only="remember_token")
    ok = post_form(here, "/auth/password", {"current": PASSWORD, "password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert ok.status_code == 302
    assert logged_in(here)
    assert not logged_in(elsewhere) and not logged_in(stolen)
    after = app.test_client()
    copy_cookies(here, after, only="remember_token")  # this browser's new remember cookie works
    assert logged_in(after)


def test_password_reset_ends_every_session(app, caplog):
    user = make_user()
    browser = app.test_client()
    remembered_login(browser, user)
    anonymous = app.test_client()
    post_form(anonymous, "/auth/forgot", {"email": user.email})
    link = re.search(r"http://localhost(/auth/reset/[^\s]+)", caplog.text).group(1)
    assert post_form(anonymous, link, {"password": NEW_PASSWORD, "confirm": NEW_PASSWORD}).status_code == 302
    assert not logged_in(browser)


def test_forged_or_malformed_session_ids_load_nobody(app, client):
    user = make_user()
    with client.session_transaction() as session:
        session["_user_id"] = str(user.id)  # the old format: no token
    assert not logged_in(client)
    with client.session_transaction() as session:
        session["_user_id"] = "100000000000000000000:x"
    assert not logged_in(client)


def _best_of(n, fn) -> float:
    times = []
    for _ in range(n):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def test_wrong_password_takes_as_long_for_an_unknown_address(app):
    method = "pbkdf2:sha256:300000"  # slow enough that hashing dominates the request
    app.config["PASSWORD_HASH_METHOD"] = method
    user = make_user()
    user.set_password(PASSWORD, method=method)
    db.session.commit()
    known = _best_of(3, lambda: accounts.authenticate(user.email, "wrong password"))
    unknown = _best_of(3, lambda: accounts.authenticate("nobody@example.org", "wrong password"))
    assert unknown > 0.5 * known, (known, unknown)


def test_registering_a_taken_address_takes_as_long(app, client):
    method = "pbkdf2:sha256:300000"
    app.config["PASSWORD_HASH_METHOD"] = method
    make_user(email="taken@example.org")
    data = {"name": "X", "organisation_name": "Org", "kind": "sme", "password": PASSWORD, "confirm": PASSWORD,
            "privacy": "y"}
    token = csrf_token(client, "/auth/register")
    emails = iter(f"new{i}@example.org" for i in range(10))
    names = iter(f"Org {i}" for i in range(20))  # each a new organisation (a known name gets the join hint first)
    fresh = _best_of(3, lambda: client.post("/auth/register", data=dict(
        data, email=next(emails), organisation_name=next(names), csrf_token=token)))
    taken = _best_of(3, lambda: client.post("/auth/register", data=dict(
        data, email="taken@example.org", organisation_name=next(names), csrf_token=token)))
    assert taken > 0.5 * fresh, (fresh, taken)
    assert db.session.execute(db.select(db.func.count(User.id))).scalar_one() == 4


def test_concurrent_registrations_of_one_address_give_no_error(app, client, monkeypatch):
    """The second of two simultaneous registrations meets the unique index: same answer, no 500."""
    make_user(email="race@example.org")  # written by the other request after this one's check
    monkeypatch.setattr(accounts, "find_user", _first_call_misses(accounts.find_user))
    data = {"name": "X", "email": "race@example.org", "organisation_name": "Org", "kind": "sme",
            "password": PASSWORD, "confirm": PASSWORD, "privacy": "y"}
    response = post_form(client, "/auth/register", data)
    assert response.status_code == 200 and "Check your mail" in response.get_data(as_text=True)


def _first_call_misses(real_find):
    calls = []

    def find(email):
        calls.append(email)
        return None if len(calls) == 1 else real_find(email)
    return find


def test_proxy_headers_are_ignored_unless_configured(app):
    from matchmaker import _trust_proxies
    from matchmaker.extensions import limiter

    def codes(application, n=3):
        client = application.test_client()
        user_email = "nobody@example.org"
        out = []
        for i in range(n):
            token = csrf_token(client, "/auth/login")
            out.append(client.post("/auth/login", data={"email": user_email, "password": "x", "csrf_token": token},
                                   headers={"X-Forwarded-For": f"203.0.113.{i}"}).status_code)
        return out

    app.config["LOGIN_RATE_LIMIT"] = "2 per minute"
    assert codes(app) == [200, 200, 429]  # a client cannot pick another bucket by sending the header
    limiter.reset()
    app.config["PROXY_FIX_X_FOR"] = 1
    _trust_proxies(app)
    assert codes(app) == [200, 200, 200]  # behind one trusted proxy: one bucket per real client


def test_each_login_issues_a_fresh_remember_cookie(app, client):
    user = make_user()
    remembered_login(client, user)
    first = client.get_cookie("remember_token").value
    remembered_login(client, user)  # again, without logging out
    assert client.get_cookie("remember_token").value != first
    for value in (first, client.get_cookie("remember_token").value):  # both belong to live sessions...
        browser = app.test_client()
        browser.set_cookie("remember_token", value)
        assert logged_in(browser)
    post_form(client, "/auth/logout", {}, form_url="/")
    old = app.test_client()
    old.set_cookie("remember_token", first)
    assert not logged_in(old)  # ...until logout (or a password change or reset) ends every one of them


def _api_me(app, secret: str) -> int:
    return app.test_client().get("/api/v1/me", headers={"Authorization": f"Bearer {secret}"}).status_code


def test_password_change_revokes_the_api_tokens(app):
    from matchmaker.services.tokens import create_token
    user = make_user()
    _, secret = create_token(user, "script")
    browser = app.test_client()
    remembered_login(browser, user)
    assert _api_me(app, secret) == 200
    ok = post_form(browser, "/auth/password", {"current": PASSWORD, "password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert ok.status_code == 302
    assert _api_me(app, secret) == 401
    assert logged_in(browser)


def test_password_reset_revokes_the_api_tokens(app, caplog):
    from matchmaker.services.tokens import create_token
    user = make_user()
    _, secret = create_token(user, "script")
    anonymous = app.test_client()
    post_form(anonymous, "/auth/forgot", {"email": user.email})
    link = re.search(r"http://localhost(/auth/reset/[^\s]+)", caplog.text).group(1)
    assert post_form(anonymous, link, {"password": NEW_PASSWORD, "confirm": NEW_PASSWORD}).status_code == 302
    assert _api_me(app, secret) == 401
