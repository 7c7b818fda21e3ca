"""A profile cannot be renamed to another organisation's name (a walk renamed a new start-up "NeuroSense Diagnostics
(demo)" and "DOMPE FARMACEUTICI SPA": "Profile saved.", two NeuroSense in the directory); short addresses such as
/register lead to the page they mean (the walk typed /register: "page not found")."""
from __future__ import annotations

from matchmaker.extensions import db
from matchmaker.models import Organisation
from tests.helpers import login, make_org, make_user, post_form
from tests.integration.test_profiles import FULL_FORM


def test_renaming_to_another_organisations_name_is_refused_and_keeps_what_was_typed(client):
    make_org(name="Dompé Farmaceutici S.p.A.", city="Milano")
    org = make_org(name="RitmoPatch Medical")
    login(client, make_user(organisation=org))
    page = post_form(client, f"/profiles/{org.id}/edit", dict(FULL_FORM, name="DOMPE FARMACEUTICI SPA",
                                                              offer="Cerotto ECG indossabile"))
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "is already the name of another organisation in the directory (Milano, IT)" in html
    assert "Dompé Farmaceutici S.p.A." in html and "Cerotto ECG indossabile</textarea>" in html  # kept
    assert db.session.get(Organisation, org.id).name == "RitmoPatch Medical"  # nothing saved
    italian = post_form(client, f"/profiles/{org.id}/edit", dict(FULL_FORM, name="Dompe Farmaceutici"),
                        headers={"Accept-Language": "it"}).get_data(as_text=True)
    assert "è già il nome di un’altra organizzazione" in italian


def test_keeping_ones_own_name_or_a_new_one_saves(client):
    make_org(name="Istituto Alfa")
    twin = make_org(name="Istituto Beta")
    make_org(name="ISTITUTO BETA")  # twins from an import: the twin may still save its profile
    login(client, make_user(organisation=twin))
    assert post_form(client, f"/profiles/{twin.id}/edit", dict(FULL_FORM, name="Istituto Beta")).status_code == 302
    assert post_form(client, f"/profiles/{twin.id}/edit", dict(FULL_FORM, name="Istituto Gamma")).status_code == 302
    assert db.session.get(Organisation, twin.id).name == "Istituto Gamma"


def test_short_addresses_lead_to_the_pages_they_mean(client):
    for path, target in (("/register", "/auth/register"), ("/signup", "/auth/register"), ("/login", "/auth/login")):
        answer = client.get(path)
        assert answer.status_code == 302 and answer.headers["Location"].endswith(target)
    assert client.get("/login?next=/matches/").headers["Location"].endswith("/auth/login?next=/matches/")
