"""Who may see and edit which profile, and what an edit keeps."""
from __future__ import annotations

import re

from matchmaker.extensions import db
from matchmaker.models import Organisation
from tests.helpers import login, make_org, make_user, post_form

FULL_FORM = {"name": "Acme Biotech", "kind": "startup", "city": "Milano", "region": "Lombardia", "country": "it",
             "website": "https://acme.example", "language": "it", "description": "Spin-off",
             "offer": "Piattaforma di siRNA", "seek": "Partner clinico", "keywords": "siRNA; LNP",
             "sectors": ["biotech", "pharma"], "therapeutic_areas": ["rare_diseases"],
             "collaboration_types": ["co_development"], "trl": "4", "funding_stage": "seed",
             "funding_amount_sought": "1500000", "contact_name": "Giulia", "contact_email": "giulia@acme.example",
             "contact_phone": "+39 02 1234"}


def test_member_edits_own_profile(client):
    org = make_org()
    login(client, make_user(organisation=org))
    response = post_form(client, f"/profiles/{org.id}/edit", FULL_FORM)
    assert response.status_code == 302
    saved = db.session.get(Organisation, org.id)
    assert (saved.name, saved.kind, saved.country, saved.trl, saved.funding_stage) == \
        ("Acme Biotech", "startup", "IT", 4, "seed")
    assert saved.sectors == ["biotech", "pharma"] and saved.therapeutic_areas == ["rare_diseases"]
    assert saved.funding_amount_sought == 1_500_000 and saved.contact_public is False


def test_editing_replaces_list_values(client):
    org = make_org(sectors=["pharma", "cdmo"])
    login(client, make_user(organisation=org))
    post_form(client, f"/profiles/{org.id}/edit", dict(FULL_FORM, sectors=["cdmo", "ivd"]))
    assert db.session.get(Organisation, org.id).sectors == ["cdmo", "ivd"]


def test_member_of_another_organisation_gets_403(client):
    org, other = make_org(), make_org(name="Not mine")
    login(client, make_user(organisation=other))
    assert client.get(f"/profiles/{org.id}/edit").status_code == 403
    token_page = f"/profiles/{other.id}/edit"
    response = post_form(client, f"/profiles/{org.id}/edit", FULL_FORM, form_url=token_page)
    assert response.status_code == 403
    assert db.session.get(Organisation, org.id).name != "Acme Biotech"


def test_organiser_without_membership_cannot_edit_but_admin_can(client):
    org = make_org()
    login(client, make_user(role="organiser"))
    assert client.get(f"/profiles/{org.id}/edit").status_code == 403
    client.get("/")  # fresh session below
    admin_client = client.application.test_client()
    login(admin_client, make_user(role="admin"))
    assert post_form(admin_client, f"/profiles/{org.id}/edit", FULL_FORM).status_code == 302


def test_anonymous_is_sent_to_login(client):
    org = make_org()
    response = client.get(f"/profiles/{org.id}/edit")
    assert response.status_code == 302 and "/auth/login" in response.headers["Location"]
    assert client.get(f"/profiles/{org.id}").status_code == 302


def test_unknown_profile_is_404(client):
    login(client, make_user())
    assert client.get("/profiles/999999").status_code == 404


def test_form_error_keeps_what_was_typed(client):
    org = make_org()
    login(client, make_user(organisation=org))
    response = post_form(client, f"/profiles/{org.id}/edit",
                         dict(FULL_FORM, country="Italy", seek="Un testo lungo che non deve andare perso"))
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "two-letter code" in html
    assert "Un testo lungo che non deve andare perso" in html
    assert re.search(r'<input checked[^>]*name="sectors"[^>]*value="biotech"', html)
    assert not re.search(r'<input checked[^>]*name="sectors"[^>]*value="cdmo"', html)
    assert db.session.get(Organisation, org.id).seek == ""


def test_ticket_range_must_be_ordered(client):
    org = make_org(kind="investor")
    login(client, make_user(organisation=org))
    html = post_form(client, f"/profiles/{org.id}/edit",
                     dict(FULL_FORM, kind="investor", ticket_min="500000", ticket_max="100000")).get_data(as_text=True)
    assert "must not be smaller" in html


def test_contact_details_are_private_by_default(client):
    org = make_org(contact_name="Dr Private", contact_email="private@example.org")
    public = make_org(contact_name="Dr Public", contact_email="public@example.org", contact_public=True)
    login(client, make_user())
    assert "private@example.org" not in client.get(f"/profiles/{org.id}").get_data(as_text=True)
    assert "public@example.org" in client.get(f"/profiles/{public.id}").get_data(as_text=True)


def test_members_see_their_own_private_contact(client):
    org = make_org(contact_email="private@example.org")
    login(client, make_user(organisation=org))
    assert "private@example.org" in client.get(f"/profiles/{org.id}").get_data(as_text=True)


def test_edit_of_imported_profile_is_protected_from_reimport(client):
    org = make_org(source="cordis", external_id="999")
    login(client, make_user(organisation=org))
    post_form(client, f"/profiles/{org.id}/edit", FULL_FORM)
    assert db.session.get(Organisation, org.id).source == "manual"


def test_a_short_offer_is_shown_once_and_a_long_one_folded(client):
    # A short offer was shown twice: as the open summary of a fold and again inside it.
    short = make_org(offer="GMP production of lentiviral vectors for CAR-T therapies.")
    long = make_org(offer="Preclinical models of neurodegeneration. " * 60)
    login(client, make_user(organisation_id=make_org().id))
    page = client.get(f"/profiles/{short.id}").get_data(as_text=True)
    assert page.count("GMP production of lentiviral vectors") == 1 and "<details" not in page
    assert "<details" in client.get(f"/profiles/{long.id}").get_data(as_text=True)
