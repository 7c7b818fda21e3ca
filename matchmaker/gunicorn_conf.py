"""gunicorn settings for production: `gunicorn -c python:matchmaker.gunicorn_conf wsgi:app` (each setting can be
overridden from the environment; see the README's Production section)."""
from __future__ import annotations

import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# One worker per core, two threads each (a thread computes while the other waits on the database): measured on
# 2 cores under the CI load test (16 clients, 2026-11-29, README "Production"), 2 workers x 2 threads gave p95 71-83 ms
# against 96-120 ms for 4 x 4 and 93 ms for 2 x 4 at the same CPU per request (fewer threads contend less for each
# worker's interpreter lock). Each worker holds its own copy of the matching engine (loaded in the background as
# it starts), so memory grows with the workers.
_cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 2)  # usable ones
workers = int(os.environ.get("WEB_CONCURRENCY", max(2, _cores)))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "2"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))  # a request is never long work: that goes to the queue
graceful_timeout = 30
keepalive = 5
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "5000"))  # recycle workers now and then
max_requests_jitter = max_requests // 10
accesslog = os.environ.get("GUNICORN_ACCESSLOG") or None  # "-" for stdout
errorlog = "-"
# X-Forwarded-* headers are the app's business (PROXY_FIX_X_FOR), not gunicorn's.
forwarded_allow_ips = ""
# gunicorn 25.1+ opens a control socket for `gunicornc` at one path per user ($XDG_RUNTIME_DIR/gunicorn.ctl or
# ~/.gunicorn/gunicorn.ctl): a second server of the same user (another instance, the CI smoke beside a running
# server) takes that path over, and whichever stops first removes the other's socket. Off unless
# GUNICORN_CONTROL_SOCKET names a path of this instance's own.
_control_socket = os.environ.get("GUNICORN_CONTROL_SOCKET", "")
control_socket_disable = not _control_socket
if _control_socket:
    control_socket = _control_socket
