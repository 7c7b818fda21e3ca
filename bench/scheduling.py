"""Scheduler benchmark: every shared UdG instance against greedy first-fit and the published MaxSAT values,
then large synthetic events against the max-flow upper bound. Prints one row per instance and the totals.

    .venv/bin/python bench/scheduling.py [--time-limit 10] [--large-time-limit 30] [--only PATTERN]
"""
from __future__ import annotations

import argparse
import csv
import sys
import time
from pathlib import Path

from matchmaker.scheduling import solve, violations
from matchmaker.scheduling.dzn import read_dzn
from matchmaker.scheduling.flowbound import placement_upper_bound
from matchmaker.scheduling.greedy import first_fit
from matchmaker.scheduling.quality import report
from matchmaker.scheduling.synthetic import synthetic_event

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "b2b_meetings"


def published() -> dict[str, str]:
    with (DATA / "reference_bofill_et_al_maxsat_d2.csv").open() as fh:
        return {row["instance"]: row["best_breaks_fairness_d2"] for row in csv.DictReader(fh)}


def benchmark_instances(limit: float, only: str) -> None:
    reference = published()
    print(f"{'instance':25} {'meetings':>8} | {'first-fit placed':>16} {'breaks':>6} | {'ours placed':>11} "
          f"{'breaks':>6} {'spread':>6} {'seconds':>7} {'status':9} | {'paper':>5}")
    totals = {"original": [0, 0, 0, 0, 0, 0]}  # ours breaks, paper breaks, fully placed ours, ff, count, ok
    for path in sorted((DATA / "instances").glob(f"*{only}*.dzn" if only else "*.dzn")):
        instance = read_dzn(path)
        ff = report(instance, first_fit(instance))
        result = solve(instance, time_limit=limit, seed=0)
        problems = violations(result.schedule, instance)
        r, paper = result.report, reference.get(instance.name, "?")
        full = r.placed == len(instance.meetings)
        print(f"{instance.name:25} {len(instance.meetings):8} | {ff.placed:16} {ff.total_breaks:6} | {r.placed:11} "
              f"{r.total_breaks:6} {r.max_breaks - r.min_breaks:6} {result.seconds:7.1f} {result.status:9} | "
              f"{paper:>5}{'  VIOLATIONS: ' + '; '.join(problems[:3]) if problems else ''}", flush=True)
        if instance.name.endswith(".original"):
            t = totals["original"]
            t[0] += r.total_breaks
            t[1] += int(paper) if paper.isdigit() else 0
            t[2] += full
            t[3] += ff.placed == len(instance.meetings)
            t[4] += 1
    t = totals["original"]
    if t[4]:
        print(f"\noriginal instances: {t[4]}; fully placed: ours {t[2]}, first-fit {t[3]}; "
              f"total breaks ours {t[0]} vs paper's MaxSAT optima {t[1]} (time limit {limit:.0f}s each)")


def benchmark_large(limit: float) -> None:
    print(f"\n{'synthetic event':32} {'bound':>6} | {'first-fit':>9} | {'ours':>6} {'of bound':>8} {'breaks':>6} "
          f"{'seconds':>7}")
    for n, m, s in ((1000, 8000, 20), (2000, 12000, 24)):
        instance = synthetic_event(n, m, s, seed=1)
        bound = placement_upper_bound(instance)
        ff = first_fit(instance)
        result = solve(instance, time_limit=limit, seed=0)
        assert not violations(result.schedule, instance)
        print(f"{instance.name:32} {bound:6} | {len(ff.placements):9} | {result.report.placed:6} "
              f"{result.report.placed / bound:8.1%} {result.report.total_breaks:6} {result.seconds:7.1f}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--time-limit", type=float, default=10.0)
    parser.add_argument("--large-time-limit", type=float, default=30.0)
    parser.add_argument("--only", default="", help="only instances whose name contains this")
    args = parser.parse_args()
    if not DATA.is_dir():
        sys.exit(f"benchmark data not found at {DATA}: clone the project with shared/ beside it")
    started = time.monotonic()
    benchmark_instances(args.time_limit, args.only)
    if not args.only:
        benchmark_large(args.large_time_limit)
    print(f"\nbenchmark wall time {time.monotonic() - started:.0f}s")


if __name__ == "__main__":  # the solver starts processes with spawn, which re-imports this module
    main()
