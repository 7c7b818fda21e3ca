"""A job's report is stored as a code with parameters and worded in the reader's language on the Jobs page, whatever
language the worker ran in."""
from __future__ import annotations

from flask_babel import force_locale

from matchmaker.extensions import db
from matchmaker.jobs import enqueue, live
from matchmaker.models import Job
from tests.helpers import login, make_org, make_user
from tests.integration.test_jobs import big_csv, upload


def test_an_import_started_in_english_reads_in_italian(app, client):
    organiser = make_user(role="organiser", locale="en")
    login(client, organiser)
    upload(client, big_csv(25))
    job = db.session.execute(db.select(Job)).scalar_one()
    assert job.message == "orgs_imported" and job.message_params == {
        "created": 25, "updated": 0, "refused": 1, "total": 26}
    assert "25 created, 0 updated, 1 of 26 rows refused" in client.get("/jobs/").get_data(as_text=True)
    reader = make_user(role="organiser", locale="it")
    client.post("/auth/logout", data={"csrf_token": ""})
    other = client.application.test_client()
    login(other, reader)
    page = other.get("/jobs/").get_data(as_text=True)
    assert "organizzazioni create: 25" in page and "created" not in page and "rows refused" not in page


def test_plural_and_fixed_messages_are_worded_on_display(app):
    make_org(name="Liver Lab", kind="university", offer="organoids")
    job = enqueue("rebuild")
    assert job.message == "suggestions_stored" and set(job.message_params) == {"num"}
    with app.test_request_context(headers={"Accept-Language": "it"}):
        with force_locale("it"):
            assert "suggeriment" in live(job)["message"]
    cordis = Job(kind="rebuild", state="done", label="after the CORDIS import", message="sent")
    db.session.add(cordis)
    db.session.commit()
    with app.test_request_context(), force_locale("it"):
        view = live(cordis)
        assert view["label"] != "after the CORDIS import" and view["message"] != "sent"


def test_an_unknown_code_or_old_parameters_read_as_a_generic_report(app, caplog):
    from matchmaker.jobs.wording import word

    with app.test_request_context():
        for message, params in (("orgs_imported", {"created": 1}), ("a_future_code", {"num": 2})):
            worded = word(message, params)
            assert worded == "The job's report cannot be shown in this version." and message not in worded
        assert "a_future_code" in caplog.text
        assert word("sent", None) == "sent"
