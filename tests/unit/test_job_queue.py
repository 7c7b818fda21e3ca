"""Where the queue lives: Redis with REDIS_URL, else an SQLite file (in instance/ by default), or in-process."""
from __future__ import annotations

from huey.storage import RedisStorage, SqliteStorage

from matchmaker.config import TestConfig
from matchmaker.jobs import queue


def test_the_queue_follows_the_configuration(tmp_path):
    try:
        queue.configure({"REDIS_URL": "redis://127.0.0.1:6399/3"}, str(tmp_path))
        assert isinstance(queue.huey.storage, RedisStorage) and not queue.huey.immediate
        assert queue.describe() == "Redis (REDIS_URL)"  # never prints the URL (it may hold a password)
        queue.configure({}, str(tmp_path))
        assert isinstance(queue.huey.storage, SqliteStorage)
        assert (tmp_path / "jobs.sqlite3").exists() and queue.describe() == f"SQLite {tmp_path / 'jobs.sqlite3'}"
    finally:
        queue.configure({"JOBS_IMMEDIATE": TestConfig.JOBS_IMMEDIATE}, str(tmp_path))
    assert queue.huey.immediate
