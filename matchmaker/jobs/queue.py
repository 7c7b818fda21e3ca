"""The Huey instance: SQLite storage in instance/ by default (no server), Redis when REDIS_URL is set."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from huey import Huey, RedisHuey, SqliteHuey
from huey.constants import EmptyData

# Built in immediate mode (in-memory, nothing touched on import); `configure` picks the real storage per config.
huey = Huey("matchmaker", immediate=True, utc=True)
_configured: tuple | None = None


def configure(config: dict[str, Any], instance_path: str) -> None:
    """Point the queue at the storage the configuration names (idempotent; called by create_app)."""
    global _configured
    if config.get("JOBS_IMMEDIATE"):  # tests: a task runs inside enqueue(), in the caller's app context
        key: tuple = ("immediate",)
    elif config.get("REDIS_URL"):
        key = ("redis", config["REDIS_URL"])
    else:
        key = ("sqlite", config.get("JOBS_SQLITE_PATH") or str(Path(instance_path) / "jobs.sqlite3"))
    if key == _configured:
        return
    if key[0] == "immediate":
        huey.immediate = True
    else:
        storage = RedisHuey if key[0] == "redis" else SqliteHuey
        kwargs = {"url": key[1]} if key[0] == "redis" else {"filename": key[1]}
        if key[0] == "sqlite":
            from matchmaker.security import private_file
            private_file(key[1])  # owner-only, like the main database
        huey.storage_class = storage.storage_class
        huey.storage_kwargs = kwargs
        huey._immediate = False
        huey.storage = huey.create_storage()
    _configured = key


def describe() -> str:
    """Where the queue lives, for the worker's start-up line."""
    if huey.immediate:
        return "immediate (in-process)"
    if "filename" in huey.storage_kwargs:
        return f"SQLite {huey.storage_kwargs['filename']}"
    return "Redis (REDIS_URL)"


def key(kind: str, job_id: int) -> str:
    """The queue-storage key of a job's progress record or cancel flag."""
    return f"matchmaker:{kind}:{job_id}"


def peek(kind: str, job_id: int) -> dict | None:
    """A job's record in the queue's storage, if any (left in place)."""
    value = huey.storage.peek_data(key(kind, job_id))
    return None if value is EmptyData else json.loads(bytes(value))
