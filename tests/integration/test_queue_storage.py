"""The queue's storage: a job whose message the queue lost is failed after JOB_LOST_SECONDS (never "queued"
forever), and a job runs through Huey on a real Redis server (Debian's redis-server, started here on a free
loopback port; `make test` installs it)."""
from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import time

import pytest

from matchmaker import create_app
from matchmaker.config import TestConfig
from matchmaker.extensions import db
from matchmaker.jobs import enqueue, reap_stale
from matchmaker.jobs.queue import huey
from matchmaker.models import Job
from tests.conftest import _drop_everything
from tests.integration.test_worker_process import (  # noqa: F401
    FLASK, ROOT, flask, organisations, queued_app,
    wait_for, write_csv)


def test_a_job_whose_queue_message_was_lost_is_failed_after_the_timeout(queued_app):  # noqa: F811
    app, _ = queued_app
    waiting, lost = enqueue("rebuild"), enqueue("rebuild")
    assert (waiting.state, lost.state) == ("queued", "queued")
    app.config["JOB_LOST_SECONDS"] = 0
    assert reap_stale() == 0  # both messages are in the queue: waiting is not lost, however long
    messages = huey.storage.enqueued_items()
    huey.storage.flush_queue()  # the queue loses lost's message (a flushed or replaced storage)
    huey.storage.enqueue(next(m for m in messages if huey.serializer.deserialize(m).args[0] == waiting.id))
    app.config["JOB_LOST_SECONDS"] = 300
    assert reap_stale() == 0  # too recent to call lost
    app.config["JOB_LOST_SECONDS"] = 0
    assert reap_stale() == 1
    assert db.session.get(Job, lost.id).state == "failed" and "lost" in db.session.get(Job, lost.id).message
    assert db.session.get(Job, waiting.id).state == "queued"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def redis_url(tmp_path):
    """A throw-away Redis server on a free loopback port (nothing saved to disk)."""
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.skip("no redis-server on PATH (`make test` installs Debian's redis-server): Redis not tested")
    port = _free_port()
    server = subprocess.Popen([binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                               "--appendonly", "no", "--dir", str(tmp_path)],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.05)
        else:
            raise AssertionError("redis-server did not start")
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_a_job_runs_through_huey_on_a_real_redis_server(redis_url, tmp_path):
    url = os.environ.get("DATABASE_URL") or f"sqlite:///{tmp_path / 'db.sqlite3'}"
    settings = {k: getattr(TestConfig, k) for k in dir(TestConfig) if k.isupper()}
    app = create_app({**settings, "SQLALCHEMY_DATABASE_URI": TestConfig.SQLALCHEMY_DATABASE_URI if
                      os.environ.get("DATABASE_URL") else url, "JOBS_IMMEDIATE": False, "REDIS_URL": redis_url})
    env = dict(os.environ, DATABASE_URL=url, REDIS_URL=redis_url, JOBS_IMMEDIATE="0", SECRET_KEY="redis-test",
               FLASK_DEBUG="0")
    try:
        with app.app_context():
            _drop_everything()
            db.create_all()
            assert type(huey.storage).__name__ == "RedisStorage"
            path = tmp_path / "orgs.csv"
            write_csv(path, 60)
            job_id = int(flask(env, "import-orgs", str(path), "--background").strip().splitlines()[-1])
            assert db.session.get(Job, job_id).state == "queued" and huey.storage.queue_size() == 1
            worker = subprocess.Popen([*FLASK, "jobs", "worker", "--threads", "1"], env=env, cwd=ROOT,
                                      stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
            try:
                wait_for(lambda: db.session.get(Job, job_id).finished, timeout=120, what="the job on Redis")
            finally:
                worker.send_signal(signal.SIGINT)
                output = worker.communicate(timeout=30)[0]
            job = db.session.get(Job, job_id)
            assert job.state == "done", (job.message, output[-2000:])
            assert (job.done, job.total) == (60, 60) and organisations() == 60
            assert "Redis" in output and huey.storage.queue_size() == 0
            db.session.remove()
            _drop_everything()
    finally:
        create_app(TestConfig)
