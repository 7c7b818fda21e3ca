"""Importing participants: a small file inline, a big one as a job whose page shows progress and the row errors."""
from __future__ import annotations

import io

from matchmaker.extensions import db
from matchmaker.models import EventParticipant, Job
from tests.helpers import csrf_token, login, make_user
from tests.integration.events.builders import small_event


def _csv(rows: int) -> bytes:
    lines = ["name,email,organisation"] + [f"Guest {i},guest{i}@example.org," for i in range(rows)]
    lines.append(",nobody@example.org,")  # line rows + 2: no name, and no account to take it from
    lines.append("Someone,,Nowhere Ltd")  # line rows + 3: unknown organisation
    return ("\n".join(lines) + "\n").encode()


def _upload(client, event_id: int, data: bytes):
    url = f"/events/{event_id}/participants"
    form = {"csrf_token": csrf_token(client, url), "import-file": (io.BytesIO(data), "people.csv")}
    return client.post(url, data=form, content_type="multipart/form-data")


def test_a_big_participant_import_is_a_job_with_progress_and_row_errors(app, client):
    organiser = make_user(role="organiser")
    event, people, _meetings = small_event(organiser=organiser)
    login(client, organiser)
    rows = app.config["IMPORT_INLINE_ROWS"] + 10
    response = _upload(client, event.id, _csv(rows))
    assert response.status_code == 302 and "job=" in response.headers["Location"]
    job = db.session.execute(db.select(Job)).scalar_one()
    assert (job.kind, job.state, job.user_id, job.label) == ("import-event-people", "done", organiser.id, "people.csv")
    assert (job.done, job.total) == (rows + 2, rows + 2)
    assert job.result["added"] == rows and job.result["errors"] == [
        [rows + 2, "missing_name", {"email": "nobody@example.org"}],
        [rows + 3, "unknown_organisation", {"name": "Nowhere Ltd", "suggestions": []}]]
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    assert f"{rows + 2} of {rows + 2} rows" in html
    assert f"Row {rows + 2}: no name: nobody@example.org has no account to take it from" in html
    assert f"Row {rows + 3}: no organisation called “Nowhere Ltd”" in html
    assert "Download the 2 rows not imported" in html
    download = client.get(f"/events/{event.id}/participants/import/{job.id}/refused.csv").get_data(as_text=True)
    assert download.lstrip("\ufeff").splitlines()[1:] == [
        ',nobody@example.org,,"no name: nobody@example.org has no account to take it from, so write the person’s '
        'name"',
        "Someone,,Nowhere Ltd,no organisation called “Nowhere Ltd” in the directory."]
    count = db.select(db.func.count()).select_from(EventParticipant).where(EventParticipant.event_id == event.id)
    assert db.session.scalar(count) == len(people) + rows
    # another organiser's job is not shown here
    other = make_user(role="organiser")
    client.post("/auth/logout", data={"csrf_token": csrf_token(client, "/")})
    login(client, other)
    assert client.get(response.headers["Location"]).status_code == 404


def test_a_small_participant_import_stays_inline(app, client):
    """Imported inside the request; with refused rows its report is kept as a finished job (the page shows it, and
    the refused rows can be downloaded)."""
    organiser = make_user(role="organiser")
    event, people, _meetings = small_event(organiser=organiser)
    login(client, organiser)
    response = _upload(client, event.id, _csv(2))
    job = db.session.execute(db.select(Job)).scalar_one()
    assert response.status_code == 302 and f"job={job.id}" in response.headers["Location"]
    assert (job.kind, job.state, job.done, job.total, job.worker) == ("import-event-people", "done", 4, 4, "")
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "2 participants added." in html and "Row 4: no name: nobody@example.org has no account" in html
    good = _upload(client, event.id, b"name,email,organisation\nZed,zed@example.org,\n")
    assert "job=" not in good.headers["Location"] and db.session.scalar(db.select(db.func.count(Job.id))) == 1
    assert "1 participant added." in client.get(good.headers["Location"]).get_data(as_text=True)


def test_an_imported_account_takes_part_for_its_own_organisation(app):
    from matchmaker.services.events_people import import_rows
    from tests.helpers import make_org

    event, _, _ = small_event()
    mine, other = make_org(name="Mine"), make_org(name="Someone Else")
    member = make_user(email="anna@mine.example", organisation_id=mine.id)
    report = import_rows(event, [(2, {"email": "anna@mine.example", "name": "Anna", "organisation": "Someone Else"})])
    assert report.added == 1
    joined = db.session.execute(db.select(EventParticipant).where(EventParticipant.user_id == member.id)).scalar_one()
    assert joined.organisation_id == mine.id != other.id


def test_italian_headers_are_read_and_unknown_ones_refused_as_a_whole(app, client):
    """An Italian Excel sheet ("Nome;E-mail;Organizzazione", semicolons) is read as name, email, organisation; a file
    whose first row names none of those columns is refused at once, saying which it has and which it needs (it was
    refused row by row for a missing name)."""
    organiser = make_user(role="organiser")
    event, people, _meetings = small_event(organiser=organiser)
    login(client, organiser)
    italian = "Nome;E-mail;Organizzazione\nGiulia Bianchi;giulia@example.org;\n".encode("cp1252")
    assert _upload(client, event.id, italian).status_code == 302
    added = db.session.execute(db.select(EventParticipant).where(EventParticipant.email == "giulia@example.org"))
    assert added.scalar_one().name == "Giulia Bianchi"
    unknown = _upload(client, event.id, b"persona;posta\nMario Rossi;mario@example.org\n")
    page = client.get(unknown.headers["Location"]).get_data(as_text=True)
    assert "The first row names no column this import reads (it has: persona, posta)" in page
    assert db.session.execute(db.select(EventParticipant).where(EventParticipant.name == "Mario Rossi")).first() is None
