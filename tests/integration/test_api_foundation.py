"""The API foundation: personal tokens (pages, CLI), bearer authentication, JSON errors, the OpenAPI document."""
from __future__ import annotations

import hashlib

from matchmaker.extensions import db
from matchmaker.models import ApiToken, Notification
from matchmaker.services.tokens import create_token
from tests.helpers import login, make_org, make_user, post_form


def bearer(secret: str) -> dict:
    return {"Authorization": f"Bearer {secret}"}


def test_token_from_the_account_page_is_shown_once_stored_hashed_and_works(client):
    org = make_org(name="Acme Biotech")
    user = make_user(organisation_id=org.id)
    login(client, user)
    page = post_form(client, "/account/tokens/", {"name": "CRM sync"}).get_data(as_text=True)
    token = db.session.scalar(db.select(ApiToken))
    secret = page.split('id="new-token">')[1].split("<")[0]
    assert token.name == "CRM sync" and token.token_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in client.get("/account/tokens/").get_data(as_text=True)  # shown once only
    client.post("/auth/logout")  # the API does not care about the browser session either way
    response = client.get("/api/v1/me", headers=bearer(secret))
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.json == {"id": user.id, "email": user.email, "name": user.name, "role": "member",
                             "organisation": {"id": org.id, "name": "Acme Biotech", "kind": "sme"}}
    note = db.session.scalar(db.select(Notification).where(Notification.user_id == user.id))
    assert note.code == "api_token_created" and note.params == {"name": "CRM sync"}  # a security notice


def test_revoked_unknown_missing_and_malformed_tokens_answer_401_json(client):
    user = make_user()
    token, secret = create_token(user, "script")
    assert client.get("/api/v1/me", headers=bearer(secret)).status_code == 200
    login(client, user)
    post_form(client, f"/account/tokens/{token.id}/revoke", {}, form_url="/account/tokens/")
    for headers in (bearer(secret), bearer("mm_unknown"), {}, {"Authorization": "Basic abc"},
                    {"Authorization": "Bearer "}):
        response = client.get("/api/v1/me", headers=headers)
        assert response.status_code == 401, headers
        assert set(response.json) == {"error"} and response.json["error"]
        assert response.headers["WWW-Authenticate"].startswith("Bearer")


def test_the_session_cookie_alone_does_not_authenticate_the_api(client):
    user = make_user()
    login(client, user)
    assert client.get("/api/v1/me").status_code == 401


def test_a_disabled_account_token_stops_working(client):
    user = make_user()
    _, secret = create_token(user, "x")
    user.active = False
    db.session.commit()
    assert client.get("/api/v1/me", headers=bearer(secret)).status_code == 401


def test_a_user_cannot_revoke_someone_elses_token(client):
    owner, other = make_user(), make_user()
    token, secret = create_token(owner, "mine")
    login(client, other)
    response = post_form(client, f"/account/tokens/{token.id}/revoke", {}, form_url="/account/tokens/")
    assert response.status_code == 404
    assert client.get("/api/v1/me", headers=bearer(secret)).status_code == 200


def test_every_api_error_is_json(client):
    user = make_user()
    _, secret = create_token(user, "x")
    assert client.get("/api/v1/nothing-here", headers=bearer(secret)).json == {"error": "not found"}
    response = client.post("/api/v1/me", headers=bearer(secret))
    assert response.status_code == 405 and response.json == {"error": "method not allowed"}
    assert client.get("/profiles/nothing").content_type.startswith("text/html")  # pages keep their HTML errors


def test_cli_prints_the_token_alone_on_its_last_line(runner, client):
    user = make_user(email="ops@example.org")
    result = runner.invoke(args=["tokens", "create", "ops@example.org", "--name", "acceptance"])
    assert result.exit_code == 0, result.output
    secret = result.output.strip().splitlines()[-1]
    assert client.get("/api/v1/me", headers=bearer(secret)).json["email"] == user.email
    listing = runner.invoke(args=["tokens", "list", "ops@example.org"]).output
    assert "acceptance" in listing and secret not in listing
    assert runner.invoke(args=["tokens", "create", "nobody@example.org"]).exit_code != 0


def test_openapi_document_is_generated_from_the_endpoints(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    document = response.json
    assert document["openapi"].startswith("3.")
    operation = document["paths"]["/api/v1/me"]["get"]
    assert "200" in operation["responses"] and "401" in operation["responses"]
    assert document["components"]["securitySchemes"]["bearer"]["scheme"] == "bearer"
    assert document["security"] == [{"bearer": []}]


def test_a_body_that_is_not_json_is_a_400_that_says_so_and_is_documented(client):
    """The 2026-12-01 walk: `{"action":` answered 422 "Field required", and a NUL a bare "bad request"."""
    user = make_user()
    _, secret = create_token(user, "x")
    url = "/api/v1/organisations/1/interest"
    broken = client.post(url, headers=bearer(secret), data='{"action":', content_type="application/json")
    assert broken.status_code == 400 and broken.json == {"error": "the body is not valid JSON"}
    plain = client.post(url, headers=bearer(secret), data="action=interested")
    assert plain.status_code == 415 and "application/json" in plain.json["error"]
    nul = client.post(url, headers=bearer(secret), json={"action": "interested\x00"})
    assert nul.status_code == 400 and "NUL" in nul.json["error"]
    responses = client.get("/api/v1/openapi.json").json["paths"]["/api/v1/organisations/{org_id}/interest"]["post"][
        "responses"]
    assert {"400", "415", "422"} <= set(responses)
    assert "400" not in client.get("/api/v1/openapi.json").json["paths"]["/api/v1/me"]["get"]["responses"]


def test_a_null_body_is_json_and_refused_by_validation(client):
    _, secret = create_token(make_user(), "x")
    answer = client.post("/api/v1/organisations/1/interest", headers=bearer(secret), data="null",
                         content_type="application/json")
    assert answer.status_code == 422 and answer.json["error"].startswith("invalid request")
