"""CPU per request of each page of the load test, in-process (less sensitive to a shared machine than latency).

    DATABASE_URL=... .venv/bin/python bench/page_cpu.py --accounts /tmp/load.json [--n 200] [--pgdata DIR]
        [--statements]

Uses the database and accounts of `bench/load.py seed`; logs in as the first member through the form, then for
each kind (directory page, directory search, profile, suggestions, GET /api/v1/me) warms up and times `--n`
requests through Flask's test client: median and mean CPU of this process per request and, with `--pgdata` (the
data directory of a PostgreSQL that serves nobody else), the server's CPU per request from /proc; with
`--statements`, the SQL statements of one more request of each kind.
"""
from __future__ import annotations

import argparse
import json
import random
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from load import SEARCHES, calibration, tree_cpu  # noqa: E402  (bench/ is on the path when run as a script)


def postgres_cpu(pgdata: Path | None) -> float:
    """Seconds of CPU used so far by the postmaster of `pgdata` and its children (0 without one)."""
    if pgdata is None:
        return 0.0
    return tree_cpu(int((pgdata / "postmaster.pid").read_text().split()[0]))


def paths(rng: random.Random, profiles: int, token: str) -> dict:
    """Each kind's next request: (path, headers)."""
    return {"directory page": lambda: (f"/profiles/?page={rng.randint(1, profiles // 20)}", {}),
            "directory search": lambda: (f"/profiles/?q={rng.choice(SEARCHES).replace(' ', '+')}", {}),
            "profile": lambda: (f"/profiles/{rng.randint(1, profiles)}", {}),
            "suggestions": lambda: ("/matches/", {}),
            "api": lambda: ("/api/v1/me", {"Authorization": f"Bearer {token}"})}


def statements_of(client, path: str, headers: dict) -> list[str]:
    """The SQL statements one request runs."""
    from sqlalchemy import event

    from matchmaker.extensions import db

    seen: list[str] = []

    def record(conn, cursor, statement, *args):
        seen.append(statement)

    with client.application.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        client.get(path, headers=headers)
    finally:
        event.remove(engine, "before_cursor_execute", record)
    return seen


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--accounts", type=Path, required=True)
    parser.add_argument("--n", type=int, default=200)
    parser.add_argument("--pgdata", type=Path)
    parser.add_argument("--statements", action="store_true",
                        help="also print each kind's SQL statements (one warm request)")
    args = parser.parse_args()
    accounts = json.loads(args.accounts.read_text())
    from matchmaker import create_app

    client = create_app().test_client()
    page = client.get("/auth/login").data
    token = re.search(rb'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1).decode()
    form = {"csrf_token": token, "email": accounts["accounts"][0], "password": accounts["password"]}
    assert client.post("/auth/login", data=form).status_code == 302, "login failed"
    print(f"calibration: sum(i*i for i in range(10**7)) took {calibration():.2f} s")
    print(f"{'request':<17} {'app CPU median ms':>18} {'mean':>6} {'PostgreSQL CPU ms':>18}")
    for kind, next_request in paths(random.Random(1), accounts["profiles"], accounts["token"]).items():
        for _ in range(30):  # warm-up: templates compiled, engine loaded
            path, headers = next_request()
            client.get(path, headers=headers)
        cpu, started, server = [], time.process_time(), postgres_cpu(args.pgdata)
        for _ in range(args.n):
            path, headers = next_request()
            before = time.process_time()
            status = client.get(path, headers=headers).status_code
            cpu.append(time.process_time() - before)
            assert status == 200, (path, status)
        mean = (time.process_time() - started) / args.n
        server = (postgres_cpu(args.pgdata) - server) / args.n
        print(f"{kind:<17} {statistics.median(cpu) * 1000:>18.1f} {mean * 1000:>6.1f} "
              f"{server * 1000 if args.pgdata else float('nan'):>18.1f}")
        if args.statements:
            seen = statements_of(client, *next_request())
            print(f"  {len(seen)} statements:" + "".join(f"\n    {' '.join(s.split())[:160]}" for s in seen))


if __name__ == "__main__":
    main()
