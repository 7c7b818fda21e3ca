"""First suggestions page after a server start, on the demo data (4,285 CORDIS organisations).

Baselines from the same run: fitting the engine (what the first request did before the engine was stored)
and loading the stored engine inside the first request (no preload). Measured: the first page once the
starting server has preloaded the stored engine, and the pages after it.

    .venv/bin/python bench/first_page.py        # about 2 minutes (it loads the demo data into a temporary database)
"""
from __future__ import annotations

import re
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
HISTORY = ROOT.parent / "shared" / "data" / "cordis" / "history"


def calibration() -> float:
    started = time.perf_counter()
    sum(i * i for i in range(10 ** 7))
    return time.perf_counter() - started


def app_on(database: Path, preload: bool):
    from matchmaker import create_app
    from matchmaker.config import TestConfig

    settings = {k: getattr(TestConfig, k) for k in dir(TestConfig) if k.isupper()}
    return create_app({**settings, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{database}", "ENGINE_PRELOAD": preload})


def pages(app, count: int) -> list[float]:
    """Log the demo company's member in, then time `count` suggestions pages."""
    client = app.test_client()
    html = client.get("/auth/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html).group(1)
    client.post("/auth/login", data={"csrf_token": token, "email": "company@demo.matchmaker.example",
                                     "password": "demo-company-2026"})
    for thread in threading.enumerate():
        if thread.name == "engine-preload":
            thread.join()
    times = []
    for _ in range(count):
        started = time.perf_counter()
        response = client.get("/matches/")
        times.append(time.perf_counter() - started)
        assert response.status_code == 200 and "What you seek meets what they offer" in response.get_data(as_text=True)
    return times


def main() -> None:
    from matchmaker.extensions import db
    from matchmaker.matching.rank import Matcher
    from matchmaker.services.demo import load_demo
    from matchmaker.services.matching import profile_docs

    print(f"calibration: sum(i*i for i in range(10**7)) = {calibration():.2f} s (0.6 s on the reference machine)")
    with tempfile.TemporaryDirectory() as folder:
        database = Path(folder) / "bench.sqlite3"
        app = app_on(database, preload=False)
        with app.app_context():
            db.create_all()
            load_demo(HISTORY)
            started = time.perf_counter()
            Matcher().fit(profile_docs())
            fit = time.perf_counter() - started
            db.session.remove()
        cold = pages(app_on(database, preload=False), 1)[0]
        warm = pages(app_on(database, preload=True), 6)
    print(f"baseline, fitting the engine (the old first request): {fit:.2f} s")
    print(f"baseline, first page loading the stored engine itself: {cold:.3f} s")
    print(f"first page after a start with preload: {warm[0]:.3f} s  ({warm[0] / fit:.3f} x the fit)")
    print(f"following pages, median: {statistics.median(warm[1:]):.3f} s")


if __name__ == "__main__":
    main()
