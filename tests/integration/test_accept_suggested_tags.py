"""One click accepts every suggested tag (profile page or form; CSRF; members of the organisation only); the member
can still untick them afterwards."""
from __future__ import annotations

import re

from matchmaker.extensions import db
from matchmaker.models import Organisation
from matchmaker.services import tagging
from tests.helpers import login, make_org, make_user, post_form


def _suggested_org(**values) -> Organisation:
    org = make_org(kind="sme", sectors=["pharma"], **values)
    org.suggested_sectors, org.suggested_therapeutic_areas = ["biotech"], ["oncology", "neurology"]
    db.session.commit()
    return org


def test_the_profile_page_button_accepts_every_suggested_tag(app, client):
    org = _suggested_org()
    login(client, make_user(organisation_id=org.id))
    page = client.get(f"/profiles/{org.id}").get_data(as_text=True)
    assert f'action="/profiles/{org.id}/tags/accept"' in page and "Accept all suggested tags" in page
    done = post_form(client, f"/profiles/{org.id}/tags/accept", {"version": str(org.version)},
                     form_url=f"/profiles/{org.id}", follow_redirects=True).get_data(as_text=True)
    assert "3 suggested tags accepted" in done
    org = db.session.get(Organisation, org.id)
    assert set(org.sectors) == {"pharma", "biotech"} and set(org.therapeutic_areas) == {"oncology", "neurology"}
    assert org.tags_confirmed and not org.suggested_sectors and not org.suggested_therapeutic_areas
    form = client.get(f"/profiles/{org.id}/edit").get_data(as_text=True)
    assert 'id="accept-tags"' not in form  # nothing left to accept; the tags are ticked, so they can be unticked
    for code in ("biotech", "oncology", "neurology"):
        assert re.search(rf'<input checked id="[a-z_]+-\d+" name="[a-z_]+" type="checkbox" value="{code}">', form)


def test_the_form_offers_it_too_and_returns_to_the_form(app, client):
    org = _suggested_org()
    login(client, make_user(organisation_id=org.id))
    form = client.get(f"/profiles/{org.id}/edit").get_data(as_text=True)
    assert 'id="accept-tags"' in form and 'name="back" value="edit"' in form
    response = post_form(client, f"/profiles/{org.id}/tags/accept", {"version": str(org.version), "back": "edit"},
                         form_url=f"/profiles/{org.id}/edit")
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/profiles/{org.id}/edit")


def test_others_may_not_and_csrf_is_required(app, client):
    org = _suggested_org()
    login(client, make_user(organisation_id=make_org().id))
    assert "Accept all suggested tags" not in client.get(f"/profiles/{org.id}").get_data(as_text=True)
    assert post_form(client, f"/profiles/{org.id}/tags/accept", {}, form_url="/").status_code == 403
    login(client, make_user(organisation_id=org.id))
    assert client.post(f"/profiles/{org.id}/tags/accept").status_code == 400  # no CSRF token
    assert db.session.get(Organisation, org.id).suggested_therapeutic_areas == ["oncology", "neurology"]


def test_an_outdated_page_accepts_nothing_and_untagging_stays_possible(app, client):
    org = _suggested_org()
    member = make_user(organisation_id=org.id)
    login(client, member)
    stale = post_form(client, f"/profiles/{org.id}/tags/accept", {"version": str(org.version - 1)},
                      form_url=f"/profiles/{org.id}", follow_redirects=True).get_data(as_text=True)
    assert "Someone else saved this profile meanwhile" in stale
    assert db.session.get(Organisation, org.id).therapeutic_areas == []
    assert tagging.accept_suggested(db.session.get(Organisation, org.id), member) == 3
    from matchmaker.services.profiles import update_profile
    org = db.session.get(Organisation, org.id)
    update_profile(org, {"therapeutic_areas": ["oncology"]}, member)  # the member unticks one
    org = db.session.get(Organisation, org.id)
    assert org.therapeutic_areas == ["oncology"] and org.suggested_therapeutic_areas == []
