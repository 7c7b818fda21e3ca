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

from matchmaker import scheduling  # scheduling.solve is imported on first use: the MaxSAT processes need no OR-Tools
from matchmaker.scheduling import violations
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
        result = scheduling.solve(instance, time_limit=limit, seed=0)
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


def tier_maxima(instance) -> list[int]:
    """Lexicographic upper bounds on a relaxation (each participant meets at most as often as they have usable
    slots; slots and tables relaxed), by CP-SAT: the most forced meetings any schedule can place, then the most
    mutual ones alongside those, then the most meetings in all alongside both."""
    from ortools.sat.python import cp_model

    from matchmaker.scheduling.model import Priority

    model = cp_model.CpModel()
    x = [model.NewBoolVar(f"x{m}") for m in range(len(instance.meetings))]
    for p, meetings in enumerate(instance.meetings_of()):
        usable = {s for m in meetings for s in instance.eligible_slots(m)}
        limit = instance.max_meetings[p]
        model.Add(sum(x[m] for m in meetings) <= (len(usable) if limit is None else min(limit, len(usable))))
    model.Add(sum(x) <= sum(instance.capacity(s) for s in range(len(instance.slots))))
    maxima = []
    for tiers in ({Priority.FORCED}, {Priority.MUTUAL}, set(Priority)):
        objective = sum(x[m] for m, meeting in enumerate(instance.meetings) if meeting.priority in tiers)
        model.Maximize(objective)
        solver = cp_model.CpSolver()
        solver.parameters.max_time_in_seconds = 20
        solver.parameters.num_workers = 8
        solver.Solve(model)
        bound = int(solver.BestObjectiveBound())  # a true upper bound even if not proved optimal in time
        maxima.append(bound)
        model.Add(objective >= int(solver.ObjectiveValue()))
    return maxima


def benchmark_large(limit: float) -> None:
    """Placement against the max-flow bound, with every request equally wanted and with priority tiers.

    With tiers the objective is lexicographic (forced, then mutual, then one-sided): giving a busy participant's
    slot to a mutual request can cost a one-sided meeting elsewhere, so the tiered rows also print the
    lexicographic maxima of the degree relaxation (forced / mutual / all)."""
    from matchmaker.scheduling.model import Priority

    print(f"\n{'synthetic event':32} {'requests':12} {'bound':>6} | {'first-fit':>9} | {'ours':>6} {'of bound':>8} "
          f"{'forced/mutual/one-sided':>23} {'breaks':>6} {'seconds':>7}")
    for n, m, s in ((1000, 8000, 20), (2000, 12000, 24)):
        for label, tiers in (("equal", (0.0, 0.0)), ("5/35/60% tiers", (0.05, 0.35))):
            instance = synthetic_event(n, m, s, seed=1, tiers=tiers)
            bound = placement_upper_bound(instance)
            ff = first_fit(instance)
            result = scheduling.solve(instance, time_limit=limit, seed=0)
            assert not violations(result.schedule, instance)
            by_tier = [sum(1 for k in result.schedule.placements if instance.meetings[k].priority == tier)
                       for tier in (Priority.FORCED, Priority.MUTUAL, Priority.ONE_SIDED)]
            print(f"{instance.name:32} {label:12} {bound:6} | {len(ff.placements):9} | {result.report.placed:6} "
                  f"{result.report.placed / bound:8.1%} {'/'.join(map(str, by_tier)):>23} "
                  f"{result.report.total_breaks:6} {result.seconds:7.1f}", flush=True)
            if tiers != (0.0, 0.0):
                forced, mutual, total = tier_maxima(instance)
                print(f"{'':45} relaxation maxima: forced {forced}, then mutual {mutual}, then in all {total} "
                      f"({total / bound:.1%} of the flow bound)", flush=True)


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
