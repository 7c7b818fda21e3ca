"""The admin's "My events" names them organiser only of the events they organise; the others say "administrator"
(still linking to the manage page)."""
from __future__ import annotations

import pytest

from tests.helpers import login, make_user
from tests.integration.events.builders import small_event


@pytest.mark.parametrize("locale, organiser_word, admin_word",
                         [("en", "organiser", "administrator"), ("it", "organizzatore", "amministratore")])
def test_the_admin_is_organiser_only_of_their_own_events(app, client, locale, organiser_word, admin_word):
    admin = make_user(role="admin", locale=locale)
    someone_else, _p, _m = small_event(organiser=make_user(role="organiser"), pairs=())
    own, _p2, _m2 = small_event(organiser=admin, pairs=())
    login(client, admin)
    page = client.get("/events/").get_data(as_text=True)
    cards = {event.id: page.split(f'/events/{event.id}/manage"', 1)[1].split("</li>", 1)[0]
             for event in (someone_else, own)}
    assert f"· {admin_word}" in cards[someone_else.id] and f"· {organiser_word}" not in cards[someone_else.id]
    assert f"· {organiser_word}" in cards[own.id]
