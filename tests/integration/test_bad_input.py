"""No 500 on bad input: huge ids and pages, NUL characters, huge and odd numbers, long searches, LIKE wildcards,
and texts an import stored longer than the form allows."""
from __future__ import annotations

import pytest

from matchmaker.extensions import db
from matchmaker.models import Organisation
from matchmaker.services.org_import import import_organisations
from matchmaker.services.profile_schema import LIMITS, validate_profile
from matchmaker.services.tables import read_table
from tests.helpers import login, make_org, make_user, post_form
from tests.integration.test_profiles import FULL_FORM

HUGE = "100000000000000000000"


@pytest.fixture
def member(client):
    org = make_org(name="Acme 100% Bio_tech")
    user = make_user(organisation_id=org.id, role="admin")
    login(client, user)
    return org


@pytest.mark.parametrize("url", [f"/profiles/{HUGE}", f"/profiles/{HUGE}/edit", f"/jobs/{HUGE}.json",
                                 f"/profiles/{2 ** 63}", f"/profiles/{2 ** 31}"])
def test_huge_ids_are_404(client, member, url):
    assert client.get(url).status_code == 404


def test_huge_id_in_a_post_is_404(client, member):
    assert post_form(client, f"/admin/users/{HUGE}/role", {"role": "member"}, form_url="/admin/users"
                     ).status_code == 404


@pytest.mark.parametrize("org", ["1e20", HUGE, "-1", "²", "0"])
def test_an_out_of_range_org_on_the_suggestions_page_is_no_500(client, member, org):
    assert client.get(f"/matches/?org={org}").status_code in (200, 302, 404)


@pytest.mark.parametrize("page", ["2**62", str(2 ** 62), str(2 ** 70), "-3", "0"])
def test_huge_pages_go_to_the_last_page(client, member, page):
    for q in ("", "acme"):
        response = client.get(f"/profiles/?q={q}&page={page}", follow_redirects=True)
        assert response.status_code == 200 and "Acme" in response.get_data(as_text=True)


def test_a_long_search_is_refused_politely(client, member):
    response = client.get("/profiles/?q=" + "oncology " * 6000)
    assert response.status_code == 200 and "Your search is too long" in response.get_data(as_text=True)


def test_like_wildcards_match_only_themselves(client, member):
    make_org(name="Other Biotech")
    for q, found in (("%", True), ("_", True), ("100%", True), ("%_", False), ("x%y", False)):
        html = client.get(f"/profiles/?q={q.replace('%', '%25')}").get_data(as_text=True)
        assert ("Acme 100% Bio_tech" in html) is found, q
        assert "Other Biotech" not in html, q


@pytest.mark.parametrize("url", ["/profiles/?q=onco%00logy", "/profiles/?kind=%00", "/profiles/?%00=x"])
def test_nul_in_a_query_is_refused_clearly(client, member, url):
    response = client.get(url)
    assert response.status_code == 400 and "NUL character" in response.get_data(as_text=True)


def test_nul_in_a_form_is_refused_clearly(client, member):
    response = post_form(client, f"/profiles/{member.id}/edit", dict(FULL_FORM, offer="siRNA\x00 delivery"))
    assert response.status_code == 400 and "NUL character" in response.get_data(as_text=True)
    assert "siRNA" not in db.session.get(Organisation, member.id).offer


def test_nul_in_a_login_is_refused_not_a_500(client):
    response = post_form(client, "/auth/login", {"email": "a\x00@example.org", "password": "x\x00"})
    assert response.status_code == 400


@pytest.mark.parametrize("value", ["1e400", "10^20", "9" * 400 + "k", "9" * 5000, "-" + "9" * 5000, "²", "١٢٣",
                                   str(2 ** 63), "1" * 31, "nan", "inf"])
def test_odd_amounts_are_field_errors(app, value):
    data, errors = validate_profile({"name": "X", "kind": "investor", "ticket_max": value})
    assert list(errors) == ["ticket_max"] and "Value error" not in errors["ticket_max"][0]
    assert len(errors["ticket_max"][0]) < 200  # a long value is not echoed whole


@pytest.mark.parametrize("value", ["9" * 5000, "²", "4.0", "1e1"])
def test_odd_trl_values_are_field_errors(app, value):
    data, errors = validate_profile({"name": "X", "kind": "sme", "trl": value})
    assert list(errors) == ["trl"] and "Value error" not in errors["trl"][0]


def test_an_import_with_huge_numbers_keeps_its_good_rows(app):
    csv = ("name,kind,funding_amount_sought,trl\n"
           "Good,startup,250k,4\nHuge,startup,1e400,4\nHuger,startup," + "9" * 400 + "k,4\n"
           "Digits,startup," + "9" * 5000 + ",4\n")
    report = import_organisations(read_table(csv.encode(), "n.csv"), mode="good")
    assert report.applied and report.created == 1 and {e.line for e in report.errors} == {3, 4, 5}


def test_nul_characters_in_an_import_are_stripped(app):
    report = import_organisations(read_table("name,kind,offer\nNul\x00Org,sme,si\x00RNA\n".encode(), "n.csv"))
    assert report.created == 1
    org = db.session.execute(db.select(Organisation)).scalar_one()
    assert (org.name, org.offer) == ("NulOrg", "siRNA")


def test_a_long_imported_text_can_be_saved_back_unchanged(client):
    long_offer = "Project abstract. " * 7000  # 126,000 characters, as a CORDIS import can store
    org = make_org(offer=long_offer.strip())
    login(client, make_user(organisation_id=org.id))
    form = dict(FULL_FORM, offer=long_offer.strip())
    assert len(form["offer"]) > LIMITS["offer"]
    assert post_form(client, f"/profiles/{org.id}/edit", form, form_url=f"/profiles/{org.id}").status_code == 302
    changed = dict(FULL_FORM, offer=long_offer + "more")
    html = post_form(client, f"/profiles/{org.id}/edit", changed, form_url=f"/profiles/{org.id}").get_data(True)
    assert "longer than 100000 characters" in html
