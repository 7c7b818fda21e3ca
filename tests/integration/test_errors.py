"""Error pages in the site's look: 403, 404, 500 (and 400 for CSRF, tested with the auth forms)."""
from __future__ import annotations

from tests.helpers import login, make_user


def test_404_page_has_the_site_layout(client):
    response = client.get("/no/such/page")
    html = response.get_data(as_text=True)
    assert response.status_code == 404
    assert "We could not find that page." in html and 'class="site-header"' in html


def test_403_page(client):
    login(client, make_user())
    response = client.get("/admin/users")
    assert response.status_code == 403 and "do not have permission" in response.get_data(as_text=True)


def test_500_page_and_rollback(app, client):
    app.config["PROPAGATE_EXCEPTIONS"] = False

    @app.get("/boom")
    def boom():
        raise RuntimeError("deliberate failure for the test")

    response = client.get("/boom")
    assert response.status_code == 500
    assert "Something went wrong on our side" in response.get_data(as_text=True)


def _locked():
    import sqlite3

    from sqlalchemy.exc import OperationalError

    return OperationalError("UPDATE conversation_side ...", {}, sqlite3.OperationalError("database is locked"))


def test_a_busy_sqlite_database_is_a_503_that_reloads_a_page_not_a_500(app, client):
    app.config["PROPAGATE_EXCEPTIONS"] = False

    @app.get("/busy")
    def busy():
        raise _locked()

    @app.post("/busy")
    def busy_form():
        raise _locked()

    response = client.get("/busy")
    html = response.get_data(as_text=True)
    assert response.status_code == 503 and response.headers["Retry-After"] == "1"
    assert "busy for a moment" in html and '<meta http-equiv="refresh" content="2">' in html
    app.config["WTF_CSRF_ENABLED"] = False  # the form's token is not what this test is about
    response = client.post("/busy")
    html = response.get_data(as_text=True)
    assert response.status_code == 503 and "nothing was saved" in html and "refresh" not in html


def test_a_busy_database_in_the_api_is_json_503(app, client):
    app.config["PROPAGATE_EXCEPTIONS"] = False

    @app.get("/api/v1/busy-test")
    def api_busy():
        raise _locked()

    response = client.get("/api/v1/busy-test")
    assert response.status_code == 503 and response.get_json() == {"error": "busy, retry shortly"}


def test_other_database_errors_stay_500(app, client):
    import sqlite3

    from sqlalchemy.exc import OperationalError

    app.config["PROPAGATE_EXCEPTIONS"] = False

    @app.get("/broken")
    def broken():
        raise OperationalError("SELECT x", {}, sqlite3.OperationalError("no such table: x"))

    response = client.get("/broken")
    assert response.status_code == 500 and "Something went wrong on our side" in response.get_data(as_text=True)
