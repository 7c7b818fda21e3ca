"""Forms that post back to their own page name its address (path and query), never an empty action: an empty one posts
to the address with its #fragment (a "Go to" link's), which the redirect after the save would carry to the next page."""
from __future__ import annotations

import re

from tests.helpers import login, make_user
from tests.integration.events.builders import small_event


def _post_actions(html: str) -> list[str]:
    return re.findall(r'<form method="post" action="([^"]*)"', html)


def test_the_login_and_registration_forms_keep_the_query_and_name_their_page(client):
    login_page = client.get("/auth/login?next=/profiles/").get_data(as_text=True)
    assert "/auth/login?next=/profiles/" in _post_actions(login_page)
    register_page = client.get("/auth/register").get_data(as_text=True)
    assert "/auth/register" in _post_actions(register_page)
    assert "" not in _post_actions(login_page) + _post_actions(register_page)


def test_the_event_s_two_forms_post_to_the_manage_page(app, client):
    with app.app_context():
        organiser = make_user(role="organiser", email="organiser@example.org")
        event_id = small_event(organiser=organiser, pairs=())[0].id
        login(client, organiser)
    actions = _post_actions(client.get(f"/events/{event_id}/manage").get_data(as_text=True))
    assert actions.count(f"/events/{event_id}/manage") == 2, actions
