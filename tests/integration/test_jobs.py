"""Jobs in the web app (the queue runs them in-process here; test_worker_process.py uses real workers)."""
from __future__ import annotations

import io
import os
import time

from matchmaker.extensions import db
from matchmaker.jobs import cancel, enqueue, live, reap_stale
from matchmaker.models import Job, Organisation
from matchmaker.models._common import utcnow
from tests.helpers import csrf_token, login, make_org, make_user, post_form


def big_csv(rows: int) -> bytes:
    lines = ["external_id,name,kind,offer"]
    lines += [f"B{i},Bulk {i},{'sme' if i % 2 else 'university'},organoid platform {i}" for i in range(rows)]
    lines.append("BAD,,sme,")  # one bad row: no name
    return ("\n".join(lines) + "\n").encode()


def upload(client, data: bytes, name: str = "big.csv"):
    return client.post("/imports/", data={"csrf_token": csrf_token(client, "/imports/"), "mode": "good",
                                          "file": (io.BytesIO(data), name)}, content_type="multipart/form-data")


def test_a_big_upload_becomes_a_job_and_its_page_shows_progress_then_the_report(client):
    organiser = make_user(role="organiser")
    login(client, organiser)
    response = upload(client, big_csv(40))
    assert response.status_code == 302 and "job=" in response.headers["Location"]
    job = db.session.execute(db.select(Job)).scalar_one()
    assert (job.kind, job.state, job.user_id, job.label) == ("import-orgs", "done", organiser.id, "big.csv")
    assert (job.done, job.total) == (41, 41) and job.finished_at is not None
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "41 of 41 rows" in html and "40 created" in html and "name: This field is required." in html
    assert db.session.execute(db.select(db.func.count(Organisation.id))).scalar() == 40
    jobs_page = client.get("/jobs/").get_data(as_text=True)
    assert "Organisations import" in jobs_page and organiser.email in jobs_page


def test_the_jobs_page_is_for_organisers_and_a_job_for_whoever_started_it(client):
    member, other = make_user(), make_user()
    make_org(name="Liver Lab", kind="university", offer="organoids")
    job = enqueue("rebuild", user_id=member.id)
    login(client, other)
    assert client.get("/jobs/").status_code == 403
    assert client.get(f"/jobs/{job.id}.json").status_code == 403
    client.post("/auth/logout", data={"csrf_token": csrf_token(client, "/")})
    login(client, member)
    assert client.get(f"/jobs/{job.id}.json").get_json()["state"] == "done"


def test_running_progress_comes_from_the_queue_and_a_dead_workers_job_is_failed(app):
    job = Job(kind="import-orgs", state="running", worker="elsewhere:1", started_at=utcnow())
    db.session.add(job)
    db.session.commit()
    from matchmaker.jobs.runner import Progress
    progress = Progress(job.id)
    progress.phase("Importing", "rows", 4285).step(1200)
    progress.publish(force=True)
    view = live(job)
    assert (view["done"], view["total"], view["unit"]) == (1200, 4285, "rows")
    assert reap_stale() == 0  # another machine's worker, still beating
    app.config["JOB_STALE_SECONDS"] = 0
    time.sleep(0.01)
    assert reap_stale() == 1 and job.state == "failed" and "killed" in job.message
    dead = Job(kind="rebuild", state="running", worker=f"{os.uname().nodename}:999999", started_at=utcnow())
    db.session.add(dead)
    db.session.commit()
    app.config["JOB_STALE_SECONDS"] = 60
    assert reap_stale() == 1 and dead.state == "failed"  # this machine, no such process: failed at once


def test_a_queued_job_can_be_cancelled(app):
    job = Job(kind="rebuild", state="queued")
    db.session.add(job)
    db.session.commit()
    cancel(job)
    assert job.state == "cancelled" and job.finished_at is not None


def test_a_failing_smtp_server_is_not_a_500(client, app, caplog):
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=9)  # nothing listens on the discard port
    response = post_form(client, "/auth/register", {"email": "new@example.org", "name": "New", "password":
                                                    "correct horse battery", "confirm": "correct horse battery",
                                                    "organisation_name": "New Org", "kind": "sme", "privacy": "y"})
    assert response.status_code == 200  # "check your mail" (the confirmation mail is queued)
    login_user = post_form(client, "/auth/forgot", {"email": "new@example.org"})
    assert login_user.status_code == 302
    mail = db.session.execute(db.select(Job).where(Job.kind == "mail")).scalars().all()
    assert mail and all(j.state in ("queued", "failed") for j in mail)  # queued again for the retry
    assert "ConnectionRefusedError" in live(mail[0])["message"]  # "... (will retry)", worded for the reader


def test_cordis_import_in_the_background_then_a_rebuild_job(runner):
    from matchmaker.models import Suggestion
    from tests.conftest import SMALL_CORDIS

    result = runner.invoke(args=["import-cordis", str(SMALL_CORDIS), "--background"])
    assert result.exit_code == 0, result.output
    job = db.session.get(Job, int(result.output.strip().splitlines()[-1]))
    assert job.kind == "import-cordis" and job.state == "done", job.message
    rebuild = db.session.execute(db.select(Job).where(Job.kind == "rebuild")).scalar_one()
    assert rebuild.state == "done" and f"job {rebuild.id}" in live(job)["message"]
    assert db.session.execute(db.select(db.func.count(Suggestion.id))).scalar() > 0
    shown = runner.invoke(args=["jobs", "show", str(job.id), "--json"])
    assert '"state": "done"' in shown.output and '"kind": "import-cordis"' in shown.output


def test_the_import_page_shows_a_running_jobs_progress_and_reloads(client):
    from matchmaker.jobs.runner import HOST, Progress

    organiser = make_user(role="organiser")
    job = Job(kind="import-orgs", state="running", user_id=organiser.id, label="members.xlsx",
              worker=f"{HOST}:{os.getpid()}", started_at=utcnow())
    db.session.add(job)
    db.session.commit()
    progress = Progress(job.id).phase("Importing", "rows", 4285)
    progress.step(1200)
    progress.publish(force=True)  # steps are written at most every 0.3 s
    login(client, organiser)
    html = client.get(f"/imports/?job={job.id}").get_data(as_text=True)
    assert "1,200 of 4,285 rows" in html and 'http-equiv="refresh"' in html and "members.xlsx" in html
    client.post("/auth/logout", data={"csrf_token": csrf_token(client, "/")})
    login(client, make_user())
    assert client.get(f"/imports/?job={job.id}").status_code == 403


def test_cancelling_a_running_import_rolls_it_back(app):
    from matchmaker.jobs.queue import huey, key
    from matchmaker.jobs.runner import run

    job = Job(kind="import-orgs", state="queued", label="big.csv")
    db.session.add(job)
    db.session.commit()
    cancel(job)
    assert job.state == "cancelled"  # a queued job is cancelled at once...
    job.state = "queued"
    db.session.commit()
    huey.storage.put_data(key("cancel", job.id), b"true")  # ...a running one is asked to stop at its next step
    run(job.id, {"data": big_csv(30), "filename": "big.csv", "mode": "good"})
    db.session.expire_all()
    assert job.state == "cancelled" and job.finished_at is not None
    assert db.session.execute(db.select(db.func.count(Organisation.id))).scalar() == 0


def test_cancelling_a_running_scheduling_job_stops_the_solver_well_before_its_limit(app):
    import threading

    from matchmaker.jobs.queue import huey, key
    from matchmaker.jobs.runner import run
    from tests.conftest import udg_instance

    dzn = udg_instance("forum-14.original").read_text()
    job = Job(kind="scheduling-solve", state="queued", label="forum-14")
    db.session.add(job)
    db.session.commit()
    timer = threading.Timer(1.5, lambda: huey.storage.put_data(key("cancel", job.id), b"true"))
    started = time.monotonic()
    timer.start()
    try:
        run(job.id, {"dzn": dzn, "name": "forum-14.dzn", "time_limit": 60.0, "workers": 2})
    finally:
        timer.cancel()
    elapsed = time.monotonic() - started
    db.session.expire_all()
    assert job.state == "cancelled"
    assert elapsed < 10, f"the solver ran {elapsed:.1f}s of its 60-s limit after the cancel"
