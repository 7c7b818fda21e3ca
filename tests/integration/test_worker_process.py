"""Real workers in subprocesses: a worker killed with SIGKILL mid-import leaves nothing half-written and its job
failed (not retried; the import is started again and completes); a job can start the scheduler's MaxSAT
processes. Runs on SQLite (a file) and on PostgreSQL (DATABASE_URL)."""
from __future__ import annotations

import csv
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from matchmaker import create_app
from matchmaker.config import TestConfig
from matchmaker.extensions import db
from matchmaker.jobs import enqueue, live
from matchmaker.models import Job, Organisation
from tests.conftest import _drop_everything
from tests.unit.scheduling.test_dzn import SMALL

ROOT = Path(__file__).resolve().parents[2]
FLASK = [str(Path(sys.executable).parent / "flask"), "--app", str(ROOT / "wsgi")]


@pytest.fixture
def queued_app(tmp_path):
    """An app on a database that subprocesses can share (a SQLite file, or DATABASE_URL) and a real queue."""
    url = os.environ.get("DATABASE_URL") or f"sqlite:///{tmp_path / 'db.sqlite3'}"
    settings = {k: getattr(TestConfig, k) for k in dir(TestConfig) if k.isupper()}
    app = create_app({**settings, "SQLALCHEMY_DATABASE_URI": TestConfig.SQLALCHEMY_DATABASE_URI if
                      os.environ.get("DATABASE_URL") else url, "JOBS_IMMEDIATE": False,
                      "JOBS_SQLITE_PATH": str(tmp_path / "jobs.sqlite3")})
    env = dict(os.environ, DATABASE_URL=url, JOBS_SQLITE_PATH=str(tmp_path / "jobs.sqlite3"), JOBS_IMMEDIATE="0",
               SECRET_KEY="worker-test", FLASK_DEBUG="0")
    env.pop("REDIS_URL", None)
    with app.app_context():
        _drop_everything()
        db.create_all()
        yield app, env
        db.session.remove()
        _drop_everything()
    create_app(TestConfig)  # back to the in-process queue for the other tests


def flask(env: dict, *args: str) -> str:
    done = subprocess.run([*FLASK, *args], env=env, capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def start_worker(env: dict) -> subprocess.Popen:
    return subprocess.Popen([*FLASK, "jobs", "worker", "--threads", "1"], env=env, cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def wait_for(condition, timeout: float = 120.0, what: str = ""):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        db.session.rollback()  # a new snapshot each time (and no read lock held on SQLite)
        value = condition()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


def write_csv(path: Path, rows: int) -> None:
    with path.open("w", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["external_id", "name", "kind", "country", "offer", "seek"])
        for i in range(rows):
            writer.writerow([f"K{i}", f"Killtest {i}", "sme" if i % 3 else "university", "IT",
                             f"gene therapy vectors {i} and CRISPR delivery", "clinical partner in oncology"])


def organisations() -> int:
    return db.session.execute(db.select(db.func.count(Organisation.id))).scalar()


def test_worker_killed_mid_import_leaves_nothing_and_the_job_failed(queued_app, tmp_path):
    app, env = queued_app
    path = tmp_path / "big.csv"
    write_csv(path, 2000)
    job_id = int(flask(env, "import-orgs", str(path), "--background").strip().splitlines()[-1])
    assert db.session.get(Job, job_id).state == "queued"

    worker = start_worker(env)
    try:
        wait_for(lambda: live(db.session.get(Job, job_id))["done"] >= 100, what="the import to be under way")
        assert live(db.session.get(Job, job_id))["state"] == "running"
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait(timeout=10)
    finally:
        if worker.poll() is None:
            worker.kill()
            worker.wait()
    assert worker.returncode == -signal.SIGKILL
    # Rolled back: not one organisation of the file was kept.
    db.session.rollback()
    assert organisations() == 0
    assert db.session.get(Job, job_id).state == "running"  # as the killed worker left it...

    restarted = start_worker(env)  # ...until a worker starts again (or anyone looks at the job)
    try:
        wait_for(lambda: db.session.get(Job, job_id).state == "failed", timeout=60, what="the reaper")
        shown = json.loads(flask(env, "jobs", "show", str(job_id), "--json").strip().splitlines()[-1])
        assert shown["state"] == "failed" and "killed" in shown["message"] and shown["done"] >= 100
        assert set(shown) == {"id", "kind", "state", "done", "total", "message"}
        # Not retried by itself; started again, the same import completes.
        again = int(flask(env, "import-orgs", str(path), "--background").strip().splitlines()[-1])
        wait_for(lambda: db.session.get(Job, again).finished, timeout=240, what="the second import")
        job = db.session.get(Job, again)
        assert job.state == "done", job.message
        assert (job.done, job.total) == (2000, 2000)
        assert organisations() == 2000
        assert db.session.get(Job, job_id).state == "failed"
    finally:
        restarted.send_signal(signal.SIGINT)
        try:
            restarted.wait(timeout=20)
        except subprocess.TimeoutExpired:
            restarted.kill()
            restarted.wait()


def test_a_job_can_start_the_schedulers_maxsat_processes(queued_app):
    app, env = queued_app
    job = enqueue("scheduling-solve", {"dzn": SMALL, "name": "small.dzn", "time_limit": 3.0, "workers": 2})
    worker = start_worker(env)
    try:
        finished = wait_for(lambda: db.session.get(Job, job.id).finished or worker.poll() is not None,
                            timeout=120, what="the scheduling job")
    finally:
        worker.send_signal(signal.SIGINT)
        output = worker.communicate(timeout=30)[0]
    assert finished and worker.returncode in (0, -signal.SIGINT), output[-3000:]
    job = db.session.get(Job, job.id)
    assert job.state == "done", (job.message, output[-3000:])
    assert job.result["placed"] == 3 and job.result["violations"] == []
    # These lines come from the MaxSAT searches, each run in a child process of the worker.
    assert any(line.startswith("maxsat") for line in job.result["log"]), job.result["log"]
