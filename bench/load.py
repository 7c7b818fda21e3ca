"""Load test of a running server: N clients (default 16) for S seconds (default 30) over the directory, a
profile page, the suggestions page and an API call; prints p50/p95/p99 latency and requests per second.

    .venv/bin/python bench/load.py seed --n 10000 --out /tmp/load.json   # DATABASE_URL: profiles, members, token
    .venv/bin/python bench/load.py run --url http://127.0.0.1:8000 --accounts /tmp/load.json [--clients 16]

`seed` fills the database DATABASE_URL names (migrated, empty) with N synthetic profiles built from real CORDIS
sentences (as bench/directory_search.py does), one member account for each client, an API token, and the
suggestions (a full rebuild). `run` logs each client in through the login form, then each client requests, in
turn, a directory page (with and without search words), a random profile, its suggestions page and GET /api/v1/me.
Target (issue #16): no error, p95 <= 300 ms on 2 cores. Exit status 1 if any request failed.
"""
from __future__ import annotations

import argparse
import glob
import http.client
import json
import os
import random
import re
import statistics
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
PASSWORD = "load-test-password-2026"
SEARCHES = ["oncology", "gene therapy", "dispositivi medici", "antibodies", "machine learning imaging"]


REFERENCE_CALIBRATION = 1.5  # seconds of the calibration loop on the machine the targets are meant for
BUSY_CALIBRATION = 1.0  # beyond this on the development machine (0.6 s idle), other work is taking the cores


def calibration() -> float:
    """Seconds for sum(i*i for i in range(10**7)) (0.6 s on the development machine, 1.5 s on the reference)."""
    start = time.perf_counter()
    sum(i * i for i in range(10 ** 7))
    return time.perf_counter() - start


def seed(n: int, clients: int, out: Path) -> None:
    """Profiles, one confirmed member per client (of the first organisations), an API token, the suggestions."""
    from directory_search import populate

    from matchmaker import create_app
    from matchmaker.extensions import db
    from matchmaker.models import User
    from matchmaker.services import suggestions, tokens

    app = create_app()
    with app.app_context():
        started = time.perf_counter()
        populate(n, seed=16)
        if db.engine.dialect.name == "postgresql":  # populate wrote explicit ids
            db.session.execute(db.text("SELECT setval('organisation_id_seq', (SELECT max(id) FROM organisation))"))
        accounts = []
        for i in range(clients):
            user = User(email=f"load{i}@example.org", name=f"Load {i}", role="member", organisation_id=i + 1)
            user.set_password(PASSWORD)
            db.session.add(user)
            accounts.append(user.email)
        db.session.commit()
        first = db.session.execute(db.select(User).where(User.email == accounts[0])).scalar_one()
        _, secret = tokens.create_token(first, "load test")
        print(f"seeded {n:,} profiles and {clients} members in {time.perf_counter() - started:.1f} s", flush=True)
        started = time.perf_counter()
        stored = suggestions.rebuild_all()
        print(f"rebuilt the suggestions ({stored:,} stored) in {time.perf_counter() - started:.1f} s", flush=True)
    out.write_text(json.dumps({"accounts": accounts, "password": PASSWORD, "token": secret, "profiles": n}))


def tree_cpu(pid: int) -> float:
    """Seconds of CPU used so far by process `pid` and its descendants, live or ended and reaped (0 for no such
    process): a gunicorn worker recycled after `max_requests` during the run takes its CPU with it unless its
    parent's children's time (cutime + cstime) is counted."""
    parents, used = {}, {}
    for path in glob.glob("/proc/[0-9]*/stat"):
        try:
            fields = Path(path).read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        child = int(path.split("/")[2])
        parents[child], used[child] = int(fields[1]), sum(int(value) for value in fields[11:15])
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        total += used.get(current, 0)
        todo.extend(child for child, parent in parents.items() if parent == current)
    return total / os.sysconf("SC_CLK_TCK")


class Client:
    """One browser: a keep-alive connection and the session cookie."""

    def __init__(self, url: str):
        parts = urlsplit(url)
        self.connection = http.client.HTTPConnection(parts.hostname, parts.port or 80, timeout=30)
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, body: str | None = None, headers: dict | None = None):
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            self.connection.request(method, path, body=body, headers=headers)
            response = self.connection.getresponse()
        except (http.client.HTTPException, OSError):  # the server closed a kept-alive connection: once more
            self.connection.close()
            self.connection.request(method, path, body=body, headers=headers)
            response = self.connection.getresponse()
        data = response.read()
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        return response.status, data

    def log_in(self, email: str, password: str) -> None:
        from urllib.parse import urlencode

        status, page = self.request("GET", "/auth/login")
        token = re.search(rb'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1).decode()
        form = urlencode({"csrf_token": token, "email": email, "password": password})
        status, _ = self.request("POST", "/auth/login", form)
        if status != 302:
            raise SystemExit(f"login of {email} answered {status}")


def requests_of(rng: random.Random, profiles: int, token: str):
    """The endless round of one client: (kind, method, path, headers)."""
    while True:
        page = rng.randint(1, profiles // 20)
        if rng.random() < 0.5:
            yield "directory", f"/profiles/?page={page}", {}
        else:
            query = rng.choice(SEARCHES).replace(" ", "+")
            yield "directory", f"/profiles/?q={query}", {}
        yield "profile", f"/profiles/{rng.randint(1, profiles)}", {}
        yield "suggestions", "/matches/", {}
        yield "api", "/api/v1/me", {"Authorization": f"Bearer {token}"}


def calibrated(before: list[float]) -> float:
    """The median of the loops timed `before` the load and of two timed now, after it (printed)."""
    after = [calibration() for _ in range(2)]
    median = statistics.median(before + after)
    print(f"calibration after the load: {', '.join(f'{t:.2f}' for t in after)} s; median of the five {median:.2f} s")
    return median


def run(url: str, accounts: dict, clients: int, seconds: float, calibrate: Callable[[], float],
        watched: dict[str, int] | None = None) -> int:
    """Drive the server; print the figures (with the CPU per request of this client and of the `watched`
    processes: name -> pid, children included); return the number of failed requests."""
    watched = watched or {}
    results: list[tuple[str, float, int]] = []
    lock = threading.Lock()
    deadline, finished, cpu = [0.0], [0], {}

    def start_clock() -> None:  # run by the barrier before it releases anyone: no client sees deadline 0
        cpu.update({name: -tree_cpu(pid) for name, pid in watched.items()}, client=-time.process_time())
        deadline[0] = time.perf_counter() + seconds

    barrier = threading.Barrier(clients + 1, action=start_clock)

    def client(i: int) -> None:
        browser = Client(url)
        browser.log_in(accounts["accounts"][i % len(accounts["accounts"])], accounts["password"])
        rng, mine = random.Random(i), []
        round_ = requests_of(rng, accounts["profiles"], accounts["token"])
        for _ in range(4):  # warm-up, not counted: each worker has loaded its engine and opened its connections
            kind, path, headers = next(round_)
            browser.request("GET", path, headers=headers)
        barrier.wait()
        for kind, path, headers in round_:
            if time.perf_counter() >= deadline[0]:
                break
            start = time.perf_counter()
            try:
                status, _ = browser.request("GET", path, headers=headers)
            except (http.client.HTTPException, OSError):
                status = 0
            mine.append((kind, time.perf_counter() - start, status))
        with lock:
            results.extend(mine)
            finished[0] += 1
            if finished[0] == clients:  # the last client out stops the CPU clocks (before the log-outs and joins)
                cpu.update({name: cpu[name] + tree_cpu(pid) for name, pid in watched.items()},
                           client=cpu["client"] + time.process_time())

    threads = [threading.Thread(target=client, args=(i,), daemon=True) for i in range(clients)]
    for thread in threads:
        thread.start()
    barrier.wait()
    started = deadline[0] - seconds
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    report(results, elapsed, clients, calibrate())
    report_cpu(cpu, len(results), clients)
    return sum(1 for _, _, status in results if status != 200)


def percentiles(values: list[float]) -> tuple[float, float, float]:
    cuts = statistics.quantiles(values, n=100, method="inclusive") if len(values) > 1 else values * 99
    return cuts[49] * 1000, cuts[94] * 1000, cuts[98] * 1000


def report(results: list[tuple[str, float, int]], elapsed: float, clients: int, calibrated: float) -> None:
    print(f"{clients} clients for {elapsed:.1f} s: {len(results):,} requests, {len(results) / elapsed:.1f} req/s")
    print(f"{'request':<12} {'count':>7} {'errors':>6} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}")
    for kind in ("directory", "profile", "suggestions", "api", "all"):
        rows = [r for r in results if kind in ("all", r[0])]
        if not rows:
            continue
        p50, p95, p99 = percentiles([latency for _, latency, _ in rows])
        errors = sum(1 for _, _, status in rows if status != 200)
        print(f"{kind:<12} {len(rows):>7,} {errors:>6} {p50:>8.1f} {p95:>8.1f} {p99:>8.1f}")
    _, p95, _ = percentiles([latency for _, latency, _ in results])
    print(f"target p95 <= 300 ms on this machine: {'met' if p95 <= 300 else 'NOT met'} (p95 {p95:.0f} ms)")
    # Closed loop, no think time: latency is clients / throughput, so it scales with the CPU per request.
    scaled = p95 * REFERENCE_CALIBRATION / calibrated
    print(f"on the issue's machine (calibration {REFERENCE_CALIBRATION} s) that is about {scaled:.0f} ms: "
          f"{'met' if scaled <= 300 else 'NOT met'}")
    if calibrated > BUSY_CALIBRATION:
        print(f"(the calibration took over {BUSY_CALIBRATION} s: the machine is busy with other work, whose share of "
              "the cores changes from second to second, so that scaling says little; compare CPU per request)")
    failures = Counter(f"{kind} {status}" for kind, _, status in results if status != 200)
    if failures:
        print("failed requests (status 0: no answer):", dict(failures))


def report_cpu(cpu: dict[str, float], requests: int, clients: int) -> None:
    """CPU per request of each measured part and their sum: less changed by other work on the machine than
    latency (it is what the cores must give for each request: with a closed loop, the mean latency is at least
    clients x CPU per request / cores)."""
    if not requests:
        return
    parts = {name: seconds * 1000 / requests for name, seconds in cpu.items()}
    total, cores = sum(parts.values()), os.cpu_count() or 1
    print("CPU per request, ms: " + ", ".join(f"{name} {ms:.1f}" for name, ms in parts.items())
          + f"; total {total:.1f} (so {clients} clients on {cores} cores wait at least {clients * total / cores:.0f} ms"
          " on average)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    seeding = sub.add_parser("seed")
    seeding.add_argument("--n", type=int, default=10_000)
    seeding.add_argument("--clients", type=int, default=16)
    seeding.add_argument("--out", type=Path, required=True)
    running = sub.add_parser("run")
    running.add_argument("--url", default="http://127.0.0.1:8000")
    running.add_argument("--accounts", type=Path, required=True)
    running.add_argument("--clients", type=int, default=16)
    running.add_argument("--seconds", type=float, default=30)
    running.add_argument("--cpu-of", action="append", default=[], metavar="NAME=PID",
                         help="also report the CPU per request of this process and its children (repeatable)")
    args = parser.parse_args()
    if args.command == "seed":
        seed(args.n, args.clients, args.out)
        return
    # One loop's time moves by a third between runs on the same machine (0.68-1.01 s on the development machine), and
    # the scaled p95 with it: the median of three loops before the load and two after it.
    before = [calibration() for _ in range(3)]
    print(f"calibration: sum(i*i for i in range(10**7)) took {', '.join(f'{t:.2f}' for t in before)} s "
          "(0.6-1.0 s on an idle development machine; the issue's targets assume 1.5 s)")
    watched = {name: int(pid) for name, _, pid in (item.partition("=") for item in args.cpu_of)}
    accounts = json.loads(args.accounts.read_text())
    failed = run(args.url, accounts, args.clients, args.seconds, lambda: calibrated(before), watched)
    if failed:
        sys.exit(f"{failed} requests failed")


if __name__ == "__main__":
    main()
