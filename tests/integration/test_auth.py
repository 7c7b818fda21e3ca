"""Registration, login, logout, password change and reset, invitations, CSRF and rate limiting."""
from __future__ import annotations

import re

import pytest

from matchmaker.extensions import db
from matchmaker.models import Invitation, User
from matchmaker.services.accounts import find_user
from tests.helpers import PASSWORD, csrf_token, login, logout, make_org, make_user, post_form

NEW_PASSWORD = "a much longer secret 42"


def register(client, **overrides):
    data = {"name": "Giulia Rossi", "email": "giulia@acme.example", "organisation_name": "Acme Biotech",
            "kind": "startup", "password": PASSWORD, "confirm": PASSWORD, "privacy": "y"}
    data.update(overrides)
    return post_form(client, "/auth/register", data)


def test_register_creates_member_and_organisation_confirmed_by_mail(client, caplog):
    response = register(client)
    user = find_user("giulia@acme.example")
    assert response.status_code == 200 and "Check your mail" in response.get_data(as_text=True)
    assert user.role == "member" and user.organisation is None and not user.email_confirmed  # created at confirmation
    assert (user.joining_name, user.registration_kind) == ("Acme Biotech", "startup")
    assert user.password_hash != PASSWORD and user.check_password(PASSWORD)
    unconfirmed = post_form(client, "/auth/login", {"email": user.email, "password": PASSWORD})
    assert unconfirmed.status_code == 200 and "Confirm your e-mail address first" in unconfirmed.get_data(True)
    confirmed = client.get(_link_from_log(caplog, "confirm"))
    user = db.session.get(User, user.id)
    assert user.organisation.name == "Acme Biotech" and user.organisation.kind == "startup"
    assert user.joining_name is None and user.registration_kind is None
    assert confirmed.headers["Location"].endswith(f"/profiles/{user.organisation_id}/edit")
    assert user.email_confirmed
    assert client.get("/profiles/mine").status_code == 302  # logged in: redirected to own profile
    again = client.get(_link_from_log(caplog, "confirm"))  # opened again, still logged in: home, not the login form
    assert again.headers["Location"] == "/"
    assert "Your address is already confirmed." in client.get("/").get_data(as_text=True)
    logout(client)
    again = client.get(_link_from_log(caplog, "confirm"), follow_redirects=True)
    assert "already confirmed: log in" in again.get_data(as_text=True)


def test_register_with_taken_email_answers_the_same_and_mails_the_owner(client, caplog):
    make_user(email="giulia@acme.example")
    taken = register(client, organisation_name="Typed Organisation Name")
    fresh = register(client, email="other@acme.example")
    assert taken.status_code == fresh.status_code == 200
    # The same page but for the address (and the CSRF token, signed with the second it was made in).
    same = [re.sub(r'name="csrf_token"[^>]*>', "", page.get_data(as_text=True)) for page in (taken, fresh)]
    assert same[0].replace("giulia@", "other@") == same[1] and "giulia@" in taken.get_data(as_text=True)
    assert "Someone tried to register with your address" in caplog.text
    assert len(db.session.execute(db.select(User)).scalars().all()) == 2


def test_register_rejects_short_password_and_mismatch(client):
    html = register(client, password="short", confirm="other").get_data(as_text=True)
    assert "at least 10 characters" in html and "The passwords differ." in html
    assert find_user("giulia@acme.example") is None


def test_login_success_failure_and_logout(client):
    user = make_user()
    bad = post_form(client, "/auth/login", {"email": user.email, "password": "wrong password"})
    assert bad.status_code == 200 and "not correct" in bad.get_data(as_text=True)
    assert login(client, user).headers["Location"] == "/"
    assert client.get("/profiles/").status_code == 200
    assert post_form(client, "/auth/logout", {}, form_url="/").status_code == 302
    assert client.get("/profiles/").status_code == 302


def test_login_refuses_inactive_user(client):
    user = make_user(active=False)
    response = post_form(client, "/auth/login", {"email": user.email, "password": PASSWORD})
    assert response.status_code == 200


@pytest.mark.parametrize("target", ["https://evil.example/x", "//evil.example", "/\\evil.example",
                                    "/%09/evil.example", "/\\/evil.example"])
def test_login_ignores_offsite_next(client, target):
    user = make_user()
    token = csrf_token(client, "/auth/login")
    response = client.post(f"/auth/login?next={target}",
                           data={"email": user.email, "password": PASSWORD, "csrf_token": token})
    assert response.headers["Location"] == "/"


def test_login_follows_a_next_of_this_site(client):
    user = make_user()
    token = csrf_token(client, "/auth/login")
    response = client.post("/auth/login?next=/profiles/%3Fq%3Donco",
                           data={"email": user.email, "password": PASSWORD, "csrf_token": token})
    assert response.headers["Location"] == "/profiles/?q=onco"


def test_post_without_csrf_token_is_refused(client):
    user = make_user()
    response = client.post("/auth/login", data={"email": user.email, "password": PASSWORD})
    assert response.status_code == 400
    assert "Reload the page" in response.get_data(as_text=True)


def test_logout_is_post_only(client):
    login(client, make_user())
    assert client.get("/auth/logout").status_code == 405


def test_login_is_rate_limited(app, client):
    app.config["LOGIN_RATE_LIMIT"] = "3 per minute"
    user = make_user()
    codes = [post_form(client, "/auth/login", {"email": user.email, "password": "wrong password"}).status_code
             for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    refused = post_form(client, "/auth/login", {"email": user.email, "password": "wrong password"})
    assert refused.status_code == 429 and int(refused.headers["Retry-After"]) > 0
    assert client.get("/auth/login").status_code == 200  # only POSTs count


def test_retry_after_only_on_a_refusal(app, client):
    """Flask-Limiter sent `Retry-After: 60` on every rate-limited 200 (2026-12-01 walk)."""
    from matchmaker.services.tokens import create_token

    _, secret = create_token(make_user(), "x")
    answer = client.get("/api/v1/me", headers={"Authorization": f"Bearer {secret}"})  # the API's limit applies
    assert answer.status_code == 200 and "X-RateLimit-Limit" in answer.headers
    assert "Retry-After" not in answer.headers


def test_successful_logins_do_not_use_up_the_limit(app, client):
    app.config["LOGIN_RATE_LIMIT"] = "3 per minute"
    user = make_user()
    for _ in range(5):
        login(client, user)
    assert post_form(client, "/auth/login", {"email": user.email, "password": "wrong"}).status_code == 200


def test_registration_is_rate_limited(app, client):
    app.config["REGISTER_RATE_LIMIT"] = "2 per minute"
    codes = [register(client, email=f"r{i}@acme.example").status_code for i in range(3)]
    assert codes == [200, 200, 429]


def test_change_password(client):
    user = make_user()
    login(client, user)
    wrong = post_form(client, "/auth/password", {"current": "nope", "password": NEW_PASSWORD,
                                                 "confirm": NEW_PASSWORD})
    assert "not correct" in wrong.get_data(as_text=True)
    ok = post_form(client, "/auth/password", {"current": PASSWORD, "password": NEW_PASSWORD,
                                              "confirm": NEW_PASSWORD})
    assert ok.status_code == 302
    assert db.session.get(User, user.id).check_password(NEW_PASSWORD)


def _link_from_log(caplog, path: str) -> str:
    match = re.search(rf"http://localhost(/auth/{path}/[^\s]+)", caplog.text)
    assert match, caplog.text
    return match.group(1)


def test_password_reset_link_is_logged_and_works_once(client, caplog):
    user = make_user()
    response = post_form(client, "/auth/forgot", {"email": user.email})
    assert response.status_code == 302
    link = _link_from_log(caplog, "reset")
    ok = post_form(client, link, {"password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert ok.status_code == 302 and ok.headers["Location"].endswith("/auth/login")
    assert db.session.get(User, user.id).check_password(NEW_PASSWORD)
    again = post_form(client, link, {"password": "yet another password", "confirm": "yet another password"},
                      follow_redirects=True)
    assert "already been used" in again.get_data(as_text=True)
    assert db.session.get(User, user.id).check_password(NEW_PASSWORD)


def test_password_reset_for_unknown_address_says_the_same(client, caplog):
    response = post_form(client, "/auth/forgot", {"email": "nobody@example.org"}, follow_redirects=True)
    assert "If an account exists" in response.get_data(as_text=True)
    assert "/auth/reset/" not in caplog.text


def test_tampered_reset_token_is_refused(client):
    user = make_user()
    response = post_form(client, "/auth/reset/not-a-token", {"password": NEW_PASSWORD, "confirm": NEW_PASSWORD},
                         form_url="/auth/reset/not-a-token", follow_redirects=True)
    assert "not valid" in response.get_data(as_text=True)
    assert db.session.get(User, user.id).check_password(PASSWORD)


def test_admin_invites_user_into_organisation(client, caplog):
    org = make_org(name="Istituto Test")
    admin = make_user(role="admin")
    login(client, admin)
    response = post_form(client, "/admin/users", {"email": "new@example.org", "organisation_id": org.id,
                                                  "role": "member"})
    assert response.status_code == 302
    link = _link_from_log(caplog, "invitation")
    post_form(client, "/auth/logout", {}, form_url="/")
    page = client.get(link).get_data(as_text=True)
    assert "Istituto Test" in page
    accepted = post_form(client, link, {"name": "New Colleague", "password": PASSWORD, "confirm": PASSWORD,
                                        "privacy": "y"})
    assert accepted.status_code == 302
    user = find_user("new@example.org")
    assert user.organisation_id == org.id and user.role == "member"
    assert db.session.execute(db.select(Invitation)).scalar_one().accepted_at is not None
    assert client.get(link, follow_redirects=True).get_data(as_text=True).count("already been used") == 1


def test_only_admins_manage_users(client):
    login(client, make_user(role="organiser"))
    assert client.get("/admin/users").status_code == 403


def test_admin_changes_a_role_but_not_their_own_admin_role(client):
    admin, other = make_user(role="admin"), make_user()
    login(client, admin)
    post_form(client, f"/admin/users/{other.id}/role", {"role": "organiser"}, form_url="/admin/users")
    post_form(client, f"/admin/users/{admin.id}/role", {"role": "member"}, form_url="/admin/users")
    assert db.session.get(User, other.id).role == "organiser"
    assert db.session.get(User, admin.id).role == "admin"


def test_a_used_reset_link_says_so_at_once_with_the_way_to_a_new_one(client, caplog):
    user = make_user()
    post_form(client, "/auth/forgot", {"email": user.email})
    link = _link_from_log(caplog, "reset")
    assert 'name="password"' in client.get(link).get_data(as_text=True)  # unused: the form
    post_form(client, link, {"password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    html = client.get(link).get_data(as_text=True)
    assert "already been used" in html and 'name="password"' not in html and 'href="/auth/forgot"' in html
    broken = client.get("/auth/reset/not-a-token").get_data(as_text=True)
    assert "not valid" in broken and 'name="password"' not in broken and 'href="/auth/forgot"' in broken


def test_check_mail_page_sends_the_confirmation_again_without_telling_who_has_an_account(client, caplog):
    html = register(client).get_data(as_text=True)
    assert 'action="/auth/resend-confirmation"' in html and "Resend the confirmation e-mail" in html
    user = db.session.execute(db.select(User).where(User.email == "giulia@acme.example")).scalar_one()
    confirmed = make_user(email_confirmed=True)
    caplog.clear()
    answers = []
    for address in (user.email, "nobody@acme.example", confirmed.email):
        response = post_form(client, "/auth/resend-confirmation", {"email": address}, form_url="/auth/register")
        assert response.status_code == 200
        answers.append(re.sub(r'value="[^"]*"', "", response.get_data(as_text=True).replace(address, "ADDRESS")))
    assert answers[0] == answers[1] == answers[2] and "we have sent it the link again" in answers[0]
    sent = [r.getMessage() for r in caplog.records if "Mail not configured" in r.getMessage()]
    assert len(sent) == 1 and user.email in sent[0] and "/auth/confirm/" in sent[0]
    assert client.post("/auth/resend-confirmation", data={"email": user.email}).status_code == 400  # no CSRF


def test_sending_the_confirmation_again_is_rate_limited(app, client):
    app.config["LOGIN_RATE_LIMIT"] = "2 per minute"
    codes = [post_form(client, "/auth/resend-confirmation", {"email": f"x{i}@acme.example"},
                       form_url="/auth/register").status_code for i in range(3)]
    assert codes == [200, 200, 429]
