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
