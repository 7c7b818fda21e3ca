"""Scheduler benchmark: every shared UdG instance against greedy first-fit and the published MaxSAT values,
then large synthetic events against the max-flow upper bound. Prints one row per instance and the totals.
With --variants, also six families of variants of the 20 original events that are not among the shared files
(forbidden slots at 0.7% and 1.5%, 20% and 40% fixed meetings, 15% and 25% precedences), generated here from a
seed; --every N keeps every Nth original's variants (a subset, said so in the totals); --stress adds a harder
precedence family the UdG files do not have (orders between meetings of unrelated participants).
Every run prints the machine's calibration time (`sum(i*i for i in range(10**7))`), the load and the CPUs it may
use (run under `taskset -c 0` for one core), before, before the variants and after; every row ends with the
1-minute load average.

    .venv/bin/python bench/scheduling.py [--time-limit 10] [--large-time-limit 30] [--only PATTERN] [--variants]
                                         [--every N] [--stress] [--rc2-lns-min-clauses N]
                                         [--rc2-lns-from-start yes|no] [--seed N] [--seeds 0,1,2]
"""
from __future__ import annotations

import argparse
import csv
import os
import sys
import time
from pathlib import Path

from matchmaker import scheduling  # scheduling.solve is imported on first use: the MaxSAT processes need no OR-Tools
from matchmaker.scheduling import maxsat, violations
from matchmaker.scheduling.dzn import read_dzn
from matchmaker.scheduling.greedy import first_fit
from matchmaker.scheduling.quality import report, total_breaks
from matchmaker.scheduling.synthetic import synthetic_event, with_fixed, with_forbidden, with_precedences

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "b2b_meetings"


def published() -> dict[str, str]:
    with (DATA / "reference_bofill_et_al_maxsat_d2.csv").open() as fh:
        return {row["instance"]: row["best_breaks_fairness_d2"] for row in csv.DictReader(fh)}


SEED = 0  # solve()'s seed (--seed, or each of --seeds in turn)
# With --seeds: family -> [total breaks ours, per seed], and family -> what it is compared with (the paper's total, or
# the bound of the originals' schedules), printed together at the end.
PER_SEED: dict[str, list[int]] = {}
REFERENCE: dict[str, str] = {}


def row(instance, paper: str, limit: float):
    """Solve one instance, print its row; returns the result."""
    ff = report(instance, first_fit(instance))
    result = scheduling.solve(instance, time_limit=limit, seed=SEED)
    problems = violations(result.schedule, instance)
    r = result.report
    print(f"{instance.name:25} {len(instance.meetings):8} | {ff.placed:16} {ff.total_breaks:6} | {r.placed:11} "
          f"{r.total_breaks:6} {r.max_breaks - r.min_breaks:6} {result.seconds:7.1f} {result.status:9} | "
          f"{paper:>5} {os.getloadavg()[0]:5.1f}{'  VIOLATIONS: ' + '; '.join(problems[:3]) if problems else ''}",
          flush=True)
    return result, ff


def benchmark_instances(limit: float, only: str) -> dict[str, dict[int, int]]:
    """The shared instances; returns the schedules found for the original events (the variants start from them)."""
    reference = published()
    originals: dict[str, dict[int, int]] = {}
    print(f"{'instance':25} {'meetings':>8} | {'first-fit placed':>16} {'breaks':>6} | {'ours placed':>11} "
          f"{'breaks':>6} {'spread':>6} {'seconds':>7} {'status':9} | {'paper':>5} {'load':>5}")
    # per UdG family (the name's suffix): count, paper-feasible, of those fully placed, ours breaks on those,
    # paper breaks on those, first-fit fully placed
    totals: dict[str, list[int]] = {}
    for path in sorted((DATA / "instances").glob(f"*{only}*.dzn" if only else "*.dzn")):
        instance = read_dzn(path)
        paper = reference.get(instance.name, "?")
        result, ff = row(instance, paper, limit)
        r = result.report
        if instance.name.endswith(".original"):
            originals[instance.name] = {m: p.slot for m, p in result.schedule.placements.items()}
        t = totals.setdefault(instance.name.split(".", 1)[1], [0, 0, 0, 0, 0, 0])
        t[0] += 1
        t[5] += ff.placed == len(instance.meetings)
        if paper.isdigit():
            t[1] += 1
            t[2] += r.placed == len(instance.meetings)
            t[3] += r.total_breaks
            t[4] += int(paper)
    print()
    for family, (count, feasible, full, ours, paper_total, ff_full) in sorted(totals.items()):
        PER_SEED.setdefault(f"UdG {family}", []).append(ours)
        REFERENCE[f"UdG {family}"] = f"paper {paper_total} ({feasible} of {count} with a published optimum)"
        print(f"UdG {family}: {count} instances, {feasible} with a published optimum; of those fully placed ours "
              f"{full}, first-fit {ff_full}; total breaks ours {ours} vs paper's MaxSAT optima {paper_total} "
              f"(time limit {limit:.0f}s each)")
    return originals


# family, how it is made, whether the original's schedule stays valid (then its breaks bound the optimum). The
# 0.3% forbidden-slot family is the shared UdG files (forb0003, with published values), run above.
VARIANTS = (("forb0070", lambda inst, slots: with_forbidden(inst, 0.007, seed=7), False),
            ("forb0150", lambda inst, slots: with_forbidden(inst, 0.015, seed=15), False),
            ("fixed020", lambda inst, slots: with_fixed(inst, slots, 0.20, seed=20), True),
            ("fixed040", lambda inst, slots: with_fixed(inst, slots, 0.40, seed=40), True),
            ("prec15", lambda inst, slots: with_precedences(inst, slots, 0.15, seed=15), True),
            ("prec25", lambda inst, slots: with_precedences(inst, slots, 0.25, seed=25), True))
STRESS_VARIANTS = (("prec25any", lambda inst, slots: with_precedences(inst, slots, 0.25, seed=25, any_pair=True),
                    True),)


def benchmark_variants(limit: float, originals: dict[str, dict[int, int]], families=VARIANTS, every: int = 1) -> None:
    """Variant families the shared files do not include, from each original event. No published values: the rows
    show first-fit, ours, and whether ours is proved optimal (status OPTIMAL). Fixed meetings and precedences are
    taken from the original's schedule above, which stays valid, so its breaks (the last column, '<=') bound the
    variant's optimum from above."""
    subset = f"; every {every}th original's variants (a subset)" if every > 1 else ""
    print(f"\nunseen variants (generated, seeded; column 'paper': breaks of the original's schedule, '-' for "
          f"forbXXXX){subset}\n{calibration()}", flush=True)
    totals: dict[str, list[int]] = {}
    for path in sorted((DATA / "instances").glob("*.original.dzn"))[::every]:
        base = read_dzn(path)
        slots = originals.get(base.name)
        if slots is None:
            schedule = scheduling.solve(base, time_limit=limit, seed=SEED).schedule
            slots = {m: p.slot for m, p in schedule.placements.items()}
        source_breaks = total_breaks(base, slots)
        for family, make, source_valid in families:
            instance = make(base, slots)
            result, ff = row(instance, f"<={source_breaks}" if source_valid else "-", limit)
            # count, ours fully placed, first-fit fully placed, proved optimal, ours breaks, first-fit breaks,
            # breaks of the source schedule (families where it stays valid)
            t = totals.setdefault(family, [0, 0, 0, 0, 0, 0, 0])
            t[0] += 1
            t[1] += result.report.placed == len(instance.meetings)
            t[2] += ff.placed == len(instance.meetings)
            t[3] += result.status == "OPTIMAL"
            t[4] += result.report.total_breaks
            t[5] += ff.total_breaks
            t[6] += source_breaks if source_valid else 0
    valid = {family for family, _, source_valid in families if source_valid}
    for family, (count, full, ff_full, optimal, ours, ff_breaks, source) in totals.items():
        PER_SEED.setdefault(family, []).append(ours)
        REFERENCE[family] = (f"bound <= {source} in the last seed's run" if family in valid else "no reference") + \
            f"; fully placed {full} of {count} in the last seed's run"
        print(f"{family}: {count} instances; fully placed ours {full}, first-fit {ff_full}; proved optimal {optimal}; "
              f"total breaks ours {ours}, first-fit {ff_breaks} (on what each places)"
              + (f"; the originals' schedules {source}" if family in valid else "") + f" ({limit:.0f}s each)")


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
    from matchmaker.scheduling.flowbound import placement_upper_bound  # scipy: not in every solver process
    from matchmaker.scheduling.model import Priority

    print(f"\n{'synthetic event':32} {'requests':12} {'bound':>6} | {'first-fit':>9} | {'ours':>6} {'of bound':>8} "
          f"{'forced/mutual/one-sided':>23} {'breaks':>6} {'seconds':>7}")
    for n, m, s in ((1000, 8000, 20), (2000, 12000, 24)):
        for label, tiers in (("equal", (0.0, 0.0)), ("5/35/60% tiers", (0.05, 0.35))):
            instance = synthetic_event(n, m, s, seed=1, tiers=tiers)
            bound = placement_upper_bound(instance)
            ff = first_fit(instance)
            result = scheduling.solve(instance, time_limit=limit, seed=SEED)
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


def calibration() -> str:
    """The team's machine-speed yardstick (0.6 s on the development machine, 1.5 s on the issue's reference),
    with the load average and the CPUs this process may use."""
    started = time.perf_counter()
    sum(i * i for i in range(10**7))
    seconds = time.perf_counter() - started
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    return f"calibration sum(i*i for i in range(10**7)): {seconds:.2f}s; load average {load}; " \
           f"CPUs usable {len(os.sched_getaffinity(0))} of {os.cpu_count()}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--time-limit", type=float, default=10.0)
    parser.add_argument("--large-time-limit", type=float, default=30.0)
    parser.add_argument("--only", default="", help="only instances whose name contains this")
    parser.add_argument("--variants", action="store_true", help="also generated variants of the original events")
    parser.add_argument("--every", type=int, default=1, help="variants of every Nth original only (a subset)")
    parser.add_argument("--stress", action="store_true", help="also precedences between unrelated meetings")
    parser.add_argument("--rc2-lns-min-clauses", type=float, default=maxsat.RC2_LNS_MIN_CLAUSES,
                        help="events whose restricted encoding has more hard clauses get RC2 neighbourhoods "
                             "(default: the engine's; inf: never, the search before 2026-11-30)")
    parser.add_argument("--rc2-lns-from-start", choices=("yes", "no"),
                        default="yes" if maxsat.RC2_LNS_FROM_START else "no",
                        help="RC2 neighbourhoods start at once from the constructive schedule (default: the engine's; "
                             "no: from the restricted encoding's first schedule, the search before 2026-11-30)")
    parser.add_argument("--anneal-share", type=float, default=maxsat.ANNEAL_SHARE,
                        help="share of the local search's time spent annealing before the RC2 neighbourhoods "
                             "(default: the engine's; 0: none, the search before 2026-11-30 13:00 UTC)")
    parser.add_argument("--anneal-others", type=float, default=maxsat.ANNEAL_OTHERS,
                        help="share of the local search's time (at most maxsat.ANNEAL_OTHERS_SECONDS) spent annealing "
                             "first on the other events (default: the engine's; 0: none, before 2026-11-30 16:30 UTC)")
    parser.add_argument("--seed", type=int, default=0, help="solve()'s seed (the constructive schedule's)")
    parser.add_argument("--seeds", default="",
                        help="comma-separated seeds: the whole run once per seed, then each family's total per seed "
                             "(how much of a figure is the luck of one seed); overrides --seed")
    args = parser.parse_args()
    global SEED
    seeds = [int(x) for x in args.seeds.split(",") if x.strip()] or [args.seed]
    SEED = seeds[0]
    maxsat.RC2_LNS_MIN_CLAUSES = args.rc2_lns_min_clauses
    maxsat.RC2_LNS_FROM_START = args.rc2_lns_from_start == "yes"
    maxsat.ANNEAL_SHARE = args.anneal_share
    maxsat.ANNEAL_OTHERS = args.anneal_others
    if not DATA.is_dir():
        sys.exit(f"benchmark data not found at {DATA}: clone the project with shared/ beside it")
    started = time.monotonic()
    print(calibration(), flush=True)
    others = (f"; the others first for {maxsat.ANNEAL_OTHERS:.0%} of it, at most {maxsat.ANNEAL_OTHERS_SECONDS:g} s"
              if maxsat.ANNEAL_OTHERS else "")
    print(f"RC2 neighbourhoods above {maxsat.RC2_LNS_MIN_CLAUSES:,.0f} hard clauses of the restricted encoding, "
          f"{'at once from the start' if maxsat.RC2_LNS_FROM_START else 'from its first schedule'}"
          f"{f', annealed first for {maxsat.ANNEAL_SHARE:.0%} of its time' if maxsat.ANNEAL_SHARE else ''}"
          f"{others}; "
          f"seed{'s' if len(seeds) > 1 else ''} {', '.join(map(str, seeds))}", flush=True)
    for seed in seeds:
        SEED = seed
        if len(seeds) > 1:
            print(f"\nseed {seed}; {calibration()}", flush=True)
        originals = benchmark_instances(args.time_limit, args.only)
        if args.variants or args.stress:
            benchmark_variants(args.time_limit, originals,
                               (VARIANTS if args.variants else ()) + (STRESS_VARIANTS if args.stress else ()),
                               args.every)
    if len(seeds) > 1:
        print(f"\ntotal breaks ours per seed ({', '.join(map(str, seeds))}), {args.time_limit:.0f}s each:")
        for family, values in PER_SEED.items():
            print(f"{family}: {', '.join(map(str, values))} (mean {sum(values) / len(values):.1f}, min {min(values)}, "
                  f"max {max(values)}); {REFERENCE[family]}")
    if not args.only:
        benchmark_large(args.large_time_limit)
    print(f"\nbenchmark wall time {time.monotonic() - started:.0f}s; {calibration()}")


if __name__ == "__main__":  # the solver starts processes with spawn, which re-imports this module
    main()
