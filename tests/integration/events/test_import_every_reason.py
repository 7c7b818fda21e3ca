"""A refused participant row gives every reason at once (a bad e-mail, no name, an unknown organisation), so that
one fix of the file is enough; the count says rows, not reasons; the add form puts each reason on its field."""
from __future__ import annotations

import csv
import io

from sqlalchemy import select

from matchmaker.extensions import db
from matchmaker.models import Job
from tests.helpers import csrf_token, login, make_org, make_user, post_form
from tests.integration.events.builders import small_event

ROWS = "name,email,organisation\n,not-an-address,Azienda Inesistente XYZ\nAda,ada@example.org,\n"


def test_a_row_with_three_problems_names_all_three(app, client):
    make_org(name="AZIENDA TRASPORTI MILANESI")
    organiser = make_user(role="organiser")
    event, _people, _ = small_event(organiser=organiser)
    login(client, organiser)
    url = f"/events/{event.id}/participants"
    answer = client.post(url, data={"csrf_token": csrf_token(client, url), "import-mode": "good",
                                    "import-file": (io.BytesIO(ROWS.encode()), "people.csv")},
                         content_type="multipart/form-data")
    page = client.get(answer.headers["Location"]).get_data(as_text=True)
    assert "Row 2: not a valid e-mail address" in page
    assert "Row 2: no name: not-an-address has no account to take it from, so write the person’s name" in page
    assert "Row 2: no organisation called “Azienda Inesistente XYZ” in the directory" in page
    assert "Row 3" not in page and "1 participant added." in page
    job = db.session.execute(select(Job)).scalar_one()
    assert job.message_params["refused"] == 1  # one row refused, for three reasons
    assert "Download the row not imported" in page
    table = list(csv.reader(io.StringIO(client.get(f"{url}/import/{job.id}/refused.csv")
                                        .get_data(as_text=True).lstrip("\ufeff"))))
    assert len(table) == 2 and table[1][:3] == ["", "not-an-address", "Azienda Inesistente XYZ"]
    assert table[1][3].count("; ") == 2 and table[1][3].startswith("not a valid e-mail address; no name")


def test_the_add_form_puts_each_reason_on_its_field(app, client):
    organiser = make_user(role="organiser")
    event, _people, _ = small_event(organiser=organiser)
    login(client, organiser)
    page = post_form(client, f"/events/{event.id}/participants", {
        "add-name": "Dora Verdi", "add-email": "not-an-email", "add-organisation": "Azienda Inesistente XYZ"},
    ).get_data(as_text=True)
    email_box = page.split('id="add-email-field"', 1)[1].split("</div>", 1)[0]
    organisation_box = page.split('id="add-organisation-field"', 1)[1].split("</div>", 1)[0]
    assert "“not-an-email” is not a valid e-mail address." in email_box
    assert "No organisation called “Azienda Inesistente XYZ” in the directory" in organisation_box
    assert 'value="Dora Verdi"' in page
