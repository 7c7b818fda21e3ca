"""Profile page and dashboard details from the newcomer's walk: the page shows the texts in the form's order,
phone numbers are tel: links, and the dashboard names a missing description as the form's "Who we are" field."""
from __future__ import annotations

from matchmaker.services import review
from tests.helpers import login, make_org, make_user


def test_offer_comes_before_seek_as_in_the_form(client):
    org = make_org(name="Acme", offer="Organoid models for toxicology and drug screening",
                   seek="Hospitals with biobanks")
    login(client, make_user(organisation=org))
    html = client.get(f"/profiles/{org.id}").get_data(as_text=True)
    assert html.index("What we offer") < html.index("What we seek")
    form = client.get(f"/profiles/{org.id}/edit").get_data(as_text=True)
    assert form.index('name="offer"') < form.index('name="seek"')


def test_a_phone_number_is_a_tel_link(client):
    acme, lab = make_org(name="Acme"), make_org(name="Lab", kind="university", contact_name="Dr Rossi",
                                                contact_phone="+39 02 1234-567", contact_email="pi@lab.example")
    alice = make_user(organisation=acme)
    review.express_interest(acme, lab, "interested", alice)
    review.express_interest(lab, acme, "interested", make_user(organisation=lab))
    login(client, alice)
    for page in (f"/profiles/{lab.id}", "/matches/connections"):
        assert '<a href="tel:+39021234567">+39 02 1234-567</a>' in client.get(page).get_data(as_text=True)


def test_a_new_profile_misses_its_description_not_its_name(client):
    org = make_org(name="BioFarma Lombarda S.r.l.", kind="sme")
    login(client, make_user(organisation=org, locale="it"))
    html = client.get("/").get_data(as_text=True)
    missing = html[html.index('id="missing"'):]
    missing = missing[:missing.index("</ul>")]
    assert "Chi è la tua organizzazione" not in missing and "“Chi siamo”: una breve descrizione" in missing
