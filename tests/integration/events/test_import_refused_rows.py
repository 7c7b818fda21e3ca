"""A participant import says exactly what a refused row lacks, suggests organisations on telling words only (not on
"Azienda" or "Istituto" alone), and offers the rows it did not take as a CSV, with the reason, to fix and import
again."""
from __future__ import annotations

import csv
import io

import pytest
from sqlalchemy import func, select

from matchmaker.extensions import db
from matchmaker.models import EventParticipant, Job
from matchmaker.services import events_orgs
from matchmaker.services.events import Conflict
from tests.helpers import csrf_token, login, make_org, make_user
from tests.integration.events.builders import small_event

ROWS = ("name,email,organisation\nAda,ada@example.org,\n,senza.nome@example.org,Istituto Besta\n,,\n"
        "Bob,,Azienda Inesistente XYZ\nCleo,cleo@example.org,Azienda Trasporti Milanes\n")


def _upload(client, event_id: int, text: str, mode: str = "good"):
    url = f"/events/{event_id}/participants"
    form = {"csrf_token": csrf_token(client, url), "import-file": (io.BytesIO(text.encode()), "people.csv"),
            "import-mode": mode}
    return client.post(url, data=form, content_type="multipart/form-data")


def _directory():
    make_org(name="AZIENDA TRASPORTI MILANESI")
    make_org(name="AZIENDA OSPEDALIERO-UNIVERSITARIA CAREGGI")
    make_org(name="FONDAZIONE IRCCS ISTITUTO NEUROLOGICO CARLO BESTA")


def _count(event) -> int:
    return db.session.scalar(select(func.count()).select_from(EventParticipant).where(
        EventParticipant.event_id == event.id))


def test_no_suggestion_on_a_generic_word_alone_but_on_a_telling_one(app):
    _directory()
    with pytest.raises(Conflict) as unknown:
        events_orgs.find("Azienda Inesistente XYZ")
    assert unknown.value.reason == ("unknown_organisation", {"name": "Azienda Inesistente XYZ", "suggestions": []})
    with pytest.raises(Conflict) as typo:
        events_orgs.find("Azienda Trasporti Milanes")
    assert typo.value.reason[1]["suggestions"][0] == "AZIENDA TRASPORTI MILANESI"
    assert "CAREGGI" not in " ".join(typo.value.reason[1]["suggestions"])


def test_the_report_says_what_is_missing_and_the_refused_rows_download(app, client):
    _directory()
    organiser = make_user(role="organiser")
    event, people, _ = small_event(organiser=organiser)
    login(client, organiser)
    answer = _upload(client, event.id, ROWS)
    job = db.session.execute(select(Job)).scalar_one()
    assert answer.status_code == 302 and f"job={job.id}" in answer.headers["Location"]
    page = client.get(answer.headers["Location"]).get_data(as_text=True)
    assert "1 participant added." in page
    assert ("Row 3: no name: senza.nome@example.org has no account to take it from, so write the person’s name"
            in page)
    assert "Row 4: no name and no e-mail address" not in page  # an empty row is no row
    assert "Row 5: no organisation called “Azienda Inesistente XYZ” in the directory." in page
    assert "Did you mean: AZIENDA TRASPORTI MILANESI" in page.split("Row 6:")[1]  # Cleo's typo only
    assert "Download the 3 rows not imported" in page
    download = client.get(f"/events/{event.id}/participants/import/{job.id}/refused.csv")
    assert download.status_code == 200 and download.mimetype == "text/csv"
    assert download.headers["Content-Disposition"] == \
        f'attachment; filename="meet-in-italy-2027-03-10-refused-rows-{job.id}.csv"'  # named after the event
    table = list(csv.reader(io.StringIO(download.get_data(as_text=True).lstrip("\ufeff"))))
    assert table[0] == ["name", "email", "organisation", "reason"]
    assert [row[:3] for row in table[1:]] == [["", "senza.nome@example.org", "Istituto Besta"],
                                              ["Bob", "", "Azienda Inesistente XYZ"],
                                              ["Cleo", "cleo@example.org", "Azienda Trasporti Milanes"]]
    assert table[1][3].startswith("no name: senza.nome@example.org has no account")
    # fixed in a spreadsheet and imported again as it is (the reason column is ignored)
    fixed = [["Sara", *table[1][1:]], [table[2][0], table[2][1], "", table[2][3]], [*table[3][:2],
                                                                                    "Azienda Trasporti Milanesi", ""]]
    buffer = io.StringIO()
    csv.writer(buffer).writerows([table[0], *fixed])
    again = _upload(client, event.id, buffer.getvalue())
    assert again.status_code == 302 and "job=" not in again.headers["Location"]
    assert _count(event) == len(people) + 4
    assert "3 participants added." in client.get(again.headers["Location"]).get_data(as_text=True)


def test_an_all_or_nothing_import_offers_every_row_in_italian(app, client):
    _directory()
    organiser = make_user(role="organiser", locale="it")
    event, people, _ = small_event(organiser=organiser)
    login(client, organiser)
    answer = _upload(client, event.id, "name,email,organisation\nAda,,\n,nessuno@example.org,\n", mode="all")
    job = db.session.execute(select(Job)).scalar_one()
    page = client.get(answer.headers["Location"]).get_data(as_text=True)
    assert "nome mancante: nessuno@example.org non ha un account" in page
    assert "Scarica le 2 righe non importate" in page and _count(event) == len(people)
    download = client.get(f"/events/{event.id}/participants/import/{job.id}/refused.csv")
    assert download.headers["Content-Disposition"] == \
        f'attachment; filename="meet-in-italy-2027-03-10-righe-rifiutate-{job.id}.csv"'
    text = download.get_data(as_text=True).lstrip("\ufeff")
    table = list(csv.reader(io.StringIO(text), delimiter=";"))  # as an Italian spreadsheet opens it
    assert table[0] == ["nome", "email", "organizzazione", "motivo"]
    assert table[1][0] == "Ada" and table[1][3].startswith("non importata")
    assert table[2][3].startswith("nome mancante")
    fixed = text.replace(";nessuno@example.org", "Nina;nessuno@example.org")  # fixed and imported as it is
    again = _upload(client, event.id, fixed, mode="all")
    assert again.status_code == 302 and "job=" not in again.headers["Location"]
    assert _count(event) == len(people) + 2


def test_only_the_import_s_organiser_downloads_its_rows(app, client):
    organiser = make_user(role="organiser")
    event, _people, _ = small_event(organiser=organiser)
    login(client, organiser)
    _upload(client, event.id, "name,email,organisation\n,x@example.org,\n")
    job = db.session.execute(select(Job)).scalar_one()
    client.post("/auth/logout", data={"csrf_token": csrf_token(client, "/")})
    other = make_user(role="organiser")
    login(client, other)
    assert client.get(f"/events/{event.id}/participants/import/{job.id}/refused.csv").status_code == 404


def test_a_near_name_shares_a_word_not_letters_inside_another(app):
    """The 2026-12-01 walk: "Farmaceutica Inesistente Srl" was offered "MONGUZ INFORMACIOTECHNOLOGIAI KFT"."""
    make_org(name="DOMPE FARMACEUTICI SPA")
    make_org(name="MONGUZ INFORMACIOTECHNOLOGIAI KFT")
    with pytest.raises(Conflict) as unknown:
        events_orgs.find("Farmaceutica Inesistente Srl")
    assert unknown.value.reason[1]["suggestions"] == ["DOMPE FARMACEUTICI SPA"]


def test_organisation_alone_is_a_generic_word_too(app):
    """The 2026-12-01 re-walk: "Organizzazione Inesistente Xyz" was offered a fruit growers' "…ORGANIZZAZIONE…"."""
    make_org(name="ASCOPIEMONTE-ORGANIZZAZIONE PRODUTTORI FRUTTA A GUSCIO")
    with pytest.raises(Conflict) as unknown:
        events_orgs.find("Organizzazione Inesistente Xyz")
    assert unknown.value.reason[1]["suggestions"] == []
