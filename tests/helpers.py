"""Builders and client helpers shared by the integration tests."""
from __future__ import annotations

import itertools
import re

from flask.testing import FlaskClient

from matchmaker.extensions import db
from matchmaker.models import Organisation, User

_seq = itertools.count(1)
PASSWORD = "correct horse battery"
CSRF_RE = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"|name="csrf_token" value="([^"]+)"')


def make_org(**overrides) -> Organisation:
    """An organisation with sensible defaults; any field can be overridden."""
    n = next(_seq)
    values = {"name": f"Organisation {n}", "kind": "sme", "country": "IT", "city": "Milano", "region": "Lombardia"}
    values.update(overrides)
    lists = {k: values.pop(k) for k in ("sectors", "therapeutic_areas", "collaboration_types") if k in values}
    organisation = Organisation(**values)
    for key, codes in lists.items():
        setattr(organisation, key, codes)
    db.session.add(organisation)
    db.session.commit()
    return organisation


def make_user(**overrides) -> User:
    """A user (member by default) whose password is PASSWORD."""
    n = next(_seq)
    values = {"email": f"user{n}@example.org", "name": f"User {n}", "role": "member"}
    values.update(overrides)
    user = User(**values)
    user.set_password(PASSWORD, method="pbkdf2:sha256:1000")
    db.session.add(user)
    db.session.commit()
    return user


def csrf_token(client: FlaskClient, url: str) -> str:
    """The CSRF token printed in the form at `url`."""
    html = client.get(url).get_data(as_text=True)
    match = CSRF_RE.search(html)
    assert match, f"no CSRF token on {url}"
    return match.group(1) or match.group(2)


def post_form(client: FlaskClient, url: str, data: dict, form_url: str | None = None, **kwargs):
    """POST `data` to `url` with the CSRF token from the page that shows the form."""
    payload = dict(data, csrf_token=csrf_token(client, form_url or url))
    return client.post(url, data=payload, **kwargs)


def logout(client: FlaskClient):
    """Log out through the real form (POST with the CSRF token of the page's menu)."""
    response = post_form(client, "/auth/logout", {}, form_url="/")
    assert response.status_code == 302, response.get_data(as_text=True)[:500]


def login(client: FlaskClient, user: User, password: str = PASSWORD):
    """Log `user` in through the real login form."""
    response = post_form(client, "/auth/login", {"email": user.email, "password": password})
    assert response.status_code == 302, response.get_data(as_text=True)[:500]
    return response


def client_for(app, user: User) -> FlaskClient:
    """A test client of `app` logged in as `user`."""
    client = app.test_client()
    login(client, user)
    return client
