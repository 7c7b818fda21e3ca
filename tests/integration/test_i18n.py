"""Language selection, the header switch, the account setting, localised formats, mails and reasons."""
from __future__ import annotations

import re
from datetime import datetime, timezone

import pytest

from flask_babel import refresh

from matchmaker.extensions import db
from matchmaker.i18n import date_time, money
from matchmaker.matches.wording import headline, reason_lines
from matchmaker.matching.reasons import Reasons
from matchmaker.services import accounts
from tests.helpers import csrf_token, login, make_org, make_user, post_form

IT = {"Accept-Language": "it-IT,it;q=0.9,en;q=0.5"}


def lang(html: str) -> str:
    return re.search(r'<html lang="(\w+)">', html).group(1)


def test_english_by_default_and_italian_from_the_browser(client):
    html = client.get("/").get_data(as_text=True)
    assert lang(html) == "en" and "Find the partners worth a call" in html
    html = client.get("/", headers=IT).get_data(as_text=True)
    assert lang(html) == "it" and "Trova i partner con cui vale la pena parlare" in html
    assert lang(client.get("/", headers={"Accept-Language": "de-DE,fr;q=0.8"}).get_data(as_text=True)) == "en"


def test_the_header_switch_works_logged_out_and_returns_to_the_page(client):
    token = csrf_token(client, "/auth/login")
    response = client.post("/language", data={"csrf_token": token, "lang": "it", "next": "/auth/login?next=/x"})
    assert response.status_code == 302 and response.headers["Location"].endswith("/auth/login?next=/x")
    html = client.get("/auth/login").get_data(as_text=True)  # no Accept-Language: the choice is remembered
    assert lang(html) == "it" and ">Accedi<" in html


def test_the_switch_needs_a_csrf_token_and_refuses_other_sites(client):
    assert client.post("/language", data={"lang": "it"}).status_code == 400
    token = csrf_token(client, "/")
    response = client.post("/language", data={"csrf_token": token, "lang": "it", "next": "https://evil.example/"})
    assert response.headers["Location"] == "/"


def test_a_logged_in_switch_is_saved_and_beats_the_browser(client):
    user = make_user()
    login(client, user)
    post_form(client, "/language", {"lang": "it", "next": "/"}, form_url="/")
    db.session.refresh(user)
    assert user.locale == "it"
    other_browser = client.application.test_client()
    login(other_browser, user)
    assert lang(other_browser.get("/", headers={"Accept-Language": "en"}).get_data(as_text=True)) == "it"


def test_the_account_page_sets_the_language(client):
    user = make_user()
    login(client, user)
    response = post_form(client, "/account", {"language": "it"}, follow_redirects=True)
    assert "Preferenza di lingua salvata." in response.get_data(as_text=True)
    db.session.refresh(user)
    assert user.locale == "it"


@pytest.mark.parametrize("code, expected", [("it", "1.500.000\xa0€"), ("en", "€1,500,000")])
def test_money_follows_the_language(app, code, expected):
    with app.test_request_context(headers={"Accept-Language": code}):
        assert money(1_500_000) == expected


def test_dates_in_italian_and_in_the_users_time_zone(app):
    """One format in both languages: the date with its year and a 24-hour clock (no AM/PM in English)."""
    moment = datetime(2026, 3, 12, 13, 30, tzinfo=timezone.utc)  # 14:30 in Milan
    with app.test_request_context(headers=IT):
        assert date_time(moment) == "gio 12 mar 2026, 14:30"
    with app.test_request_context():
        refresh()  # the fixture's app context outlives each request context; a server's does not
        assert date_time(moment) == "Thu, Mar 12, 2026, 14:30"
        assert date_time(moment.replace(tzinfo=None)) == "Thu, Mar 12, 2026, 14:30"  # SQLite's naive UTC


def test_the_reset_mail_goes_out_in_the_recipients_language(app, client, monkeypatch):
    sent = []
    monkeypatch.setattr(accounts, "send_mail", lambda to, subject, body: sent.append((subject, body)))
    make_user(email="anna@example.org", locale="it")
    make_user(email="john@example.org", locale="en")
    for email in ("anna@example.org", "john@example.org"):
        post_form(client, "/auth/forgot", {"email": email})  # asked from an English browser both times
    assert sent[0][0] == "Reimposta la password di Matchmaker" and "apri questo link" in sent[0][1]
    assert sent[1][0] == "Reset your Matchmaker password"


def test_form_errors_and_flash_messages_in_italian(client):
    html = client.post("/auth/register", data={"csrf_token": csrf_token(client, "/auth/register")},
                       headers=IT).get_data(as_text=True)
    assert "Questo campo è obbligatorio." in html and "This field is required" not in html
    user = make_user(locale="it")
    html = post_form(client, "/auth/login", {"email": user.email, "password": "wrong password"},
                     headers=IT).get_data(as_text=True)
    assert "E-mail o password non corretti." in html


def test_taxonomy_labels_and_vocabularies_in_italian(client):
    org = make_org(name="Istituto Alfa", kind="irccs_hospital", therapeutic_areas=["rare_diseases"],
                   sectors=["ivd"])
    user = make_user(organisation_id=org.id, locale="it")
    login(client, user)
    html = client.get(f"/profiles/{org.id}").get_data(as_text=True)
    assert "IRCCS / ospedale" in html and "Malattie rare" in html and "Diagnostica in vitro" in html
    html = client.get(f"/profiles/{org.id}/edit").get_data(as_text=True)
    assert "TRL 4 – tecnologia convalidata in laboratorio" in html and "Centro di ricerca pubblico" in html


def test_the_import_report_in_italian(client):
    import io

    login(client, make_user(role="organiser", locale="it"))
    data = {"csrf_token": csrf_token(client, "/imports/"), "mode": "good",
            "file": (io.BytesIO(b"name,kind,trl\nAlfa,sme,4\n,sme,12\n"), "orgs.csv")}
    html = client.post("/imports/", data=data, content_type="multipart/form-data").get_data(as_text=True)
    assert "1 creata" in html and "1 riga su 2 scartata" in html
    assert "name: Questo campo è obbligatorio." in html and "trl: «12» non è un livello da 1 a 9" in html


def test_reasons_are_worded_in_the_users_language(app):
    reasons = Reasons([("seek_meets_offer", {"terms": ["glioma"]}),
                       ("shared_area", {"areas": ["oncology", "neurology"]}),
                       ("trl_fit", {"theirs": 5, "yours": 4}), ("track_record", {"projects": 1}),
                       ("shared_concepts", {"concepts": ["oncology"]}), ("unknown_code", {})],
                      strength="strong", driver="seek")
    with app.test_request_context(headers=IT):
        assert reason_lines(reasons) == ["Offrono ciò che cerchi: glioma (oncologia)",
                                         "Entrambe attive in neurologia, oncologia",
                                         "Il loro TRL 5 è compatibile con il tuo TRL 4",
                                         "Esperienza: 1 progetto finanziato", "Entrambe lavorano su: oncologia"]
        assert headline(reasons) == "Ottima corrispondenza — soprattutto perché offrono ciò che cerchi"
    with app.test_request_context():
        refresh()
        assert reason_lines(reasons)[1:4] == ["Both work in neurology, oncology", "Their TRL 5 fits your TRL 4",
                                              "Track record: 1 funded project"]
        assert headline(reasons) == "Strong match — mainly what you seek meets what they offer"


def test_a_profile_made_of_a_project_abstract_and_the_fields_driver_are_worded_in_both_languages(app):
    title = "Innovative designs, extrapolation, simulation methods and evidence-tools for rare diseases"
    reasons = Reasons([("seek_meets_project", {"terms": ["registries"], "title": title}),
                       ("project_meets_offer", {"terms": ["paediatric"], "title": ""})], driver="concepts")
    with app.test_request_context(headers=IT):
        first, second = reason_lines(reasons)
        assert first.startswith("Il loro unico testo di profilo è la sintesi del loro progetto finanziato "
                                "«Innovative designs, extrapolation, simulation methods and…»")
        assert second == "La sintesi di quel progetto corrisponde a ciò che offri: paediatric"
        assert headline(reasons) == "Corrispondenza possibile — soprattutto per gli ambiti di lavoro in comune"
    with app.test_request_context():
        refresh()
        assert reason_lines(reasons)[1] == "That project's abstract meets what you offer: paediatric"
        assert headline(reasons) == "Possible match — mainly the fields you both work on"


def test_error_pages_in_italian(client):
    html = client.get("/no-such-page", headers=IT).get_data(as_text=True)
    assert "Pagina non trovata." in html and "Torna alla pagina iniziale" in html


def test_the_log_in_prompt_in_italian(client):
    response = client.get("/profiles/", headers=IT, follow_redirects=True)
    assert "Accedi per vedere questa pagina." in response.get_data(as_text=True)
