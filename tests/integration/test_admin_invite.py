"""The invitation form names an organisation by typing (with suggestions from a JSON search), not by a select of
every organisation; what is typed is resolved to exactly one organisation or refused with a reason."""
from __future__ import annotations

from matchmaker.extensions import db
from matchmaker.models import Invitation
from tests.helpers import login, make_org, make_user, post_form


def invited_organisation():
    invitation = db.session.execute(db.select(Invitation).order_by(Invitation.id.desc())).scalars().first()
    return invitation.organisation_id if invitation else None


def test_the_invitation_form_takes_a_typed_organisation_with_suggestions(client):
    make_org(name="Zeta Consulting")
    lab = make_org(name="Istituto Besta Lab", kind="irccs_hospital")
    twin_a, twin_b = make_org(name="Twin Bio"), make_org(name="Twin Bio")
    for i in range(30):
        make_org(name=f"Filler Org {i}")
    login(client, make_user(role="admin"))
    page = client.get("/admin/users").get_data(as_text=True)
    assert 'name="organisation_id"' in page and "<option" not in page.split('id="organisation"')[0][-200:]
    assert "Filler Org 7" not in page  # the page no longer lists every organisation
    assert 'list="organisation-options"' in page and "organisation-search.js" in page
    found = client.get("/admin/organisations.json?q=besta").get_json()
    assert found == [{"id": lab.id, "label": f"Istituto Besta Lab (#{lab.id})"}]
    assert len(client.get("/admin/organisations.json?q=filler").get_json()) == 10
    assert client.get("/admin/organisations.json?q=").get_json() == []

    def invite(email, **fields):
        return post_form(client, "/admin/users", {"email": email, "role": "member", **fields})

    assert invite("a@example.org", organisation=f"Istituto Besta Lab (#{lab.id})").status_code == 302
    assert invited_organisation() == lab.id
    assert invite("b@example.org", organisation="istituto besta lab").status_code == 302  # an exact name
    assert invited_organisation() == lab.id
    assert invite("c@example.org", organisation=f"Twin Bio (#{twin_b.id})").status_code == 302
    assert invited_organisation() == twin_b.id
    ambiguous = invite("d@example.org", organisation="Twin Bio")
    assert ambiguous.status_code == 200 and "Several organisations have this name" in ambiguous.get_data(as_text=True)
    unknown = invite("e@example.org", organisation="Nowhere Institute")
    assert unknown.status_code == 200 and "No organisation has this name" in unknown.get_data(as_text=True)
    forged = invite("f@example.org", organisation=f"Zeta Consulting (#{twin_a.id})")
    assert forged.status_code == 200 and "No such organisation" in forged.get_data(as_text=True)
    assert invite("g@example.org", organisation="").status_code == 302 and invited_organisation() is None


def test_the_organisation_search_is_for_admins_only(client):
    make_org(name="Istituto Besta Lab")
    assert client.get("/admin/organisations.json?q=besta").status_code == 302  # anonymous: to the login page
    login(client, make_user(role="organiser"))
    assert client.get("/admin/organisations.json?q=besta").status_code == 403
