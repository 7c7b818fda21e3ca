"""Events through the app: the shared UdG originals via `flask events import-dzn/schedule/export` against
`flask scheduling solve-dzn`, and a 500-participant / 3,000-request event's job, publication and page times.

    .venv/bin/python bench/events.py [--time-limit 10] [--only PATTERN] [--no-originals] [--no-large]

Every run prints the calibration time of `sum(i*i for i in range(10**7))` (0.6 s on the development machine; the
issue's absolute targets are meant for a machine where it takes 1.5 s) with the load average, at start and end.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
INSTANCES = ROOT.parent / "shared" / "data" / "b2b_meetings" / "instances"
FLASK = [str(ROOT / ".venv" / "bin" / "flask"), "--app", "wsgi"]
sys.path.insert(0, str(ROOT))


def calibration() -> str:
    started = time.perf_counter()
    sum(i * i for i in range(10**7))
    seconds = time.perf_counter() - started
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    return f"calibration sum(i*i for i in range(10**7)): {seconds:.2f}s; load average {load}"


def _flask(args: list[str], env: dict) -> str:
    done = subprocess.run(FLASK + args, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(args)}: {done.stderr[-500:]}")
    return done.stdout


def originals(limit: float, only: str, workers: int | None) -> None:
    """Each original through the app path and through solve-dzn, same limit and seed."""
    files = sorted(p for p in INSTANCES.glob("*.original.dzn") if only in p.name)
    extra = ["--workers", str(workers)] if workers else []
    print(f"{'instance':28} {'meetings':>8} | {'app placed':>10} {'breaks':>6} | {'solve-dzn placed':>16} "
          f"{'breaks':>6} | same")
    same = 0
    with tempfile.TemporaryDirectory() as folder:
        env = dict(os.environ, DATABASE_URL=f"sqlite:///{folder}/bench.sqlite3")
        _flask(["db", "upgrade"], env)
        for path in files:
            event_id = _flask(["events", "import-dzn", str(path), "--name", path.stem], env).strip().splitlines()[-1]
            app = json.loads(_flask(["events", "schedule", event_id, "--time-limit", str(limit)] + extra,
                                    env).strip().splitlines()[-1])
            _flask(["events", "export", event_id, "--out", f"{folder}/app.json"], env)
            exported = len(json.loads(Path(f"{folder}/app.json").read_text())["meetings"])
            ref = json.loads(_flask(["scheduling", "solve-dzn", str(path), "--time-limit", str(limit)] + extra,
                                    env).strip().splitlines()[-1])
            equal = (app["placed"], app["total_breaks"]) == (ref["placed"], ref["breaks"]) and exported == app["placed"]
            same += equal
            print(f"{path.stem:28} {ref['meetings']:>8} | {app['placed']:>10} {app['total_breaks']:>6} | "
                  f"{ref['placed']:>16} {ref['breaks']:>6} | {'yes' if equal else 'NO'}", flush=True)
    print(f"same placements and breaks: {same} of {len(files)}")


def large(limit: float) -> None:
    """500 participants, 3,000 requests: the job (load, solve, save), publish, grid, agenda and iCal."""
    from matchmaker import create_app
    from matchmaker.config import TestConfig
    from matchmaker.extensions import db
    from matchmaker.models import EventOrganiser, EventParticipant, Job
    from matchmaker.scheduling.synthetic import synthetic_event
    from matchmaker.services.events_import import import_instance
    from matchmaker.services.events_publish import publish
    from tests.helpers import login, make_user

    with tempfile.TemporaryDirectory() as folder:
        from tests.conftest import IsolatedClient

        app = create_app(TestConfig)
        app.test_client_class = IsolatedClient
        app.config.update(SQLALCHEMY_DATABASE_URI=f"sqlite:///{folder}/large.sqlite3", JOBS_IMMEDIATE=True)
        with app.app_context():
            db.create_all()
            instance = synthetic_event(500, 3000, 20, seed=1)  # 60,000 meeting x slot variables: the full solve
            event = import_instance(instance, "Large partnering day")
            organiser, member = make_user(role="organiser"), make_user()
            db.session.add(EventOrganiser(event_id=event.id, user_id=organiser.id))
            first = db.session.execute(db.select(EventParticipant).where(EventParticipant.event_id == event.id)
                                       .order_by(EventParticipant.id)).scalars().first()
            first.user_id = member.id
            db.session.commit()
            from matchmaker.jobs.runner import run
            from matchmaker.services.events_job import KIND

            job = Job(kind=KIND)
            db.session.add(job)
            db.session.commit()
            started = time.perf_counter()
            run(job.id, {"event_id": event.id, "time_limit": limit})
            job_seconds = time.perf_counter() - started
            job = db.session.get(Job, job.id)
            print(f"job ({limit:.0f} s solver limit, load and save included): {job_seconds:.1f} s "
                  f"[target <= 45 s]; {job.state}: {job.message} ({job.result and job.result.get('status')})")
            started = time.perf_counter()
            counts = publish(db.session.get(type(event), event.id))
            db.session.commit()
            print(f"publish: {time.perf_counter() - started:.2f} s [target <= 5 s]; {counts}")
            app.config["WTF_CSRF_ENABLED"] = True
            organiser_client, member_client = app.test_client(), app.test_client()
            login(organiser_client, organiser)
            login(member_client, member)
            token = db.session.get(EventParticipant, first.id).ical_token
            for label, client, url, target, runs in (
                    ("grid page", organiser_client, f"/events/{event.id}/schedule", "500 ms", 5),
                    ("agenda page", member_client, f"/events/{event.id}/agenda", "100 ms", 20),
                    ("iCal feed", member_client, f"/events/calendar/{token}.ics", "50 ms", 20)):
                times = []
                for _ in range(runs):
                    started = time.perf_counter()
                    response = client.get(url)
                    times.append(time.perf_counter() - started)
                    assert response.status_code == 200, (url, response.status_code)
                print(f"{label}: median {statistics.median(times) * 1000:.0f} ms over {runs} [target <= {target}]")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--time-limit", type=float, default=10.0)
    parser.add_argument("--large-time-limit", type=float, default=30.0)
    parser.add_argument("--only", default="", help="only originals whose name contains this")
    parser.add_argument("--workers", type=int, default=None, help="1: single-process, reproducible solves")
    parser.add_argument("--no-originals", action="store_true")
    parser.add_argument("--no-large", action="store_true")
    args = parser.parse_args()
    print(calibration(), flush=True)
    if not args.no_originals:
        originals(args.time_limit, args.only, args.workers)
    if not args.no_large:
        large(args.large_time_limit)
    print(calibration())


if __name__ == "__main__":
    main()
