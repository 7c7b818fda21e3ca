"""The advice around joining agrees with the join flow: a pending join request is shown on the home page with the
way to the join page, /profiles/mine points there too, the similar-name notice of a profile's edit page is shown
until the profile is first saved (and asks for no invitation), and the registration page says how colleagues join."""
from __future__ import annotations

from matchmaker.services import membership
from tests.helpers import login, make_org, make_user, post_form


def test_a_pending_join_request_is_on_the_home_page(app, client):
    besta = make_org(name="Fondazione Carlo Besta")
    user = make_user(organisation_id=None)
    membership.ask(user, besta)
    login(client, user)
    home = client.get("/").get_data(as_text=True)
    notice = home.split('id="pending-join"', 1)[1].split("</div>", 1)[0]
    assert "You asked to join Fondazione Carlo Besta" in notice and 'href="/membership/join"' in notice
    assert 'href="/profiles/mine"' not in home  # no profile of their own to go to
    mine = client.get("/profiles/mine")
    assert mine.headers["Location"].endswith("/membership/join")
    assert "ask to join it" in client.get("/membership/join").get_data(as_text=True)
    assert "invitation" not in client.get("/membership/join").get_data(as_text=True)


def test_no_join_notice_without_a_request(app, client):
    login(client, make_user(organisation_id=None))
    assert 'id="pending-join"' not in client.get("/").get_data(as_text=True)


def _profile_form(org):
    return {"name": org.name, "kind": org.kind, "country": "IT", "region": "Lombardia", "city": "Milano",
            "language": "it", "version": str(org.version), "description": "Start-up di diagnostica."}


def test_the_similar_name_notice_goes_once_the_profile_is_saved(app, client):
    make_org(name="BESTA DIAGNOSTICS SRL")
    mine = make_org(name="Besta Diagnostics", kind="startup")
    login(client, make_user(organisation_id=mine.id))
    first = client.get(f"/profiles/{mine.id}/edit").get_data(as_text=True)
    notice = first.split('id="similar-organisations"', 1)[1].split("</div>", 1)[0]
    assert "BESTA DIAGNOSTICS SRL" in notice and "invitation" not in notice
    saved = post_form(client, f"/profiles/{mine.id}/edit", _profile_form(mine))
    assert saved.status_code == 302, saved.get_data(as_text=True)[:3000]
    assert 'id="similar-organisations"' not in client.get(f"/profiles/{mine.id}/edit").get_data(as_text=True)


def test_the_registration_page_says_how_colleagues_join(client):
    page = client.get("/auth/register").get_data(as_text=True)
    assert "Colleagues can be invited" not in page and "ask to join it" in page
