"""Matching benchmark: full rebuild of top-20 suggestions for 1k/10k/100k synthetic profiles built from real
CORDIS abstract sentences (time, peak memory), beside its floor (the raw sparse top-k product of the same
vectors with sparse_dot_topn) and scikit-learn's dense cosine_similarity where that fits in memory (what you seek
against what they offer, half of our text score; and the same text score as ours, both directions); then, at
10k, one profile edited -> suggestions updated (beside one row's product) and one suggestions query (beside a
bare SELECT of the same rows). It first prints the calibration figure: the time of sum(i*i for i in
range(10**7)), 0.6 s on the machine of the README's figures.

    .venv/bin/python bench/matching.py [--sizes 1000,10000,100000] [--repeat 5] [--no-service] [--cpu]
Each size runs in its own process so peak memory (max RSS) is that size's alone. With --repeat N, ours and the
baseline run N times each, alternately (same conditions on a shared machine), and each figure is the median.
With --cpu every time is CPU seconds (time.process_time) and ours ranks on one thread: run it under
`taskset -c 0` to compare the work itself, whatever else the machine runs.
"""
from __future__ import annotations

import argparse
import csv
import json
import random
import re
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HISTORY = ROOT.parent / "shared" / "data" / "cordis" / "history"
TOP = 20
clock = time.perf_counter  # time.process_time with --cpu
THREADS = 2  # 1 with --cpu


def sentences() -> list[str]:
    with (HISTORY / "projects.csv").open(encoding="utf-8", newline="") as fh:
        text = " ".join(row["objective"] for row in csv.DictReader(fh, delimiter="|"))
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+", text) if 40 < len(s) < 400]


def synthetic_docs(n: int, seed: int = 0):
    from matchmaker.matching.documents import COMPANY, RESEARCH, ProfileDoc

    rng = random.Random(seed)
    pool = sentences()
    docs = []
    for i in range(n):
        side = COMPANY if i % 2 else RESEARCH
        docs.append(ProfileDoc(f"p{i}", side, offer=" ".join(rng.sample(pool, rng.randint(3, 6))),
                               seek=" ".join(rng.sample(pool, rng.randint(1, 2))) if rng.random() < 0.6 else "",
                               activity=rng.randint(0, 12)))
    return docs


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_rebuild(n: int) -> dict:
    """Child process: our engine's full rebuild (both directions of tech transfer)."""
    from matchmaker.matching import batch
    from matchmaker.matching.documents import COMPANY, RESEARCH
    from matchmaker.matching.rank import Matcher

    docs = synthetic_docs(n)
    start = clock()
    matcher = Matcher().fit(docs)
    fitted = clock()
    # What services/suggestions.rebuild_all stores: every list, column by column (Matcher.rank_all gives the same
    # lists as Match objects).
    a, b = batch.ranked_lists(matcher, [("tech-transfer", COMPANY), ("tech-transfer", RESEARCH)], top=TOP,
                              threads=THREADS)
    done = clock()
    floor = raw_product(matcher)
    return {"n": n, "fit_s": fitted - start, "rank_s": done - fitted, "total_s": done - start,
            "lists": len(a.sources) + len(b.sources), "peak_mib": peak_mib(), "floor_s": floor}


def raw_product(matcher) -> float:
    """The floor of a rebuild: sparse_dot_topn's top-20 of seek × offer for both directions, nothing else."""
    from sparse_dot_topn import sp_matmul_topn

    from matchmaker.matching.documents import COMPANY, RESEARCH

    start = clock()
    for sources, targets in ((COMPANY, RESEARCH), (RESEARCH, COMPANY)):
        sp_matmul_topn(matcher.side(sources).seeks, matcher.side(targets).offers.T.tocsr(), top_n=TOP,
                       n_threads=THREADS, sort=True)
    return clock() - start


def run_baseline(n: int, both: bool = False) -> dict:
    """Child process: the same TF-IDF vectors, then dense cosine_similarity of every pair and a top-20 per row:
    what you seek against what they offer only (half of our text score), or with `both` the same text score as
    ours, both directions of each pair (0.6 · seek×offer + 0.4 · offer×seek)."""
    import numpy as np
    from sklearn.metrics.pairwise import cosine_similarity

    from matchmaker.matching.documents import COMPANY, RESEARCH
    from matchmaker.matching.index import ProfileIndex

    docs = synthetic_docs(n)
    start = clock()
    index = ProfileIndex().fit(docs)
    companies = [i for i, d in enumerate(docs) if d.side == COMPANY]
    research = [i for i, d in enumerate(docs) if d.side == RESEARCH]
    for sources, targets in ((companies, research), (research, companies)):
        dense = cosine_similarity(index.seek_[sources], index.offer_[targets])
        if both:
            dense *= 0.6
            dense += 0.4 * cosine_similarity(index.offer_[sources], index.seek_[targets])
        np.argpartition(-dense, TOP, axis=1)[:, :TOP]
        del dense
    return {"n": n, "total_s": clock() - start, "peak_mib": peak_mib()}


@contextmanager
def synthetic_directory(n: int) -> Iterator[float]:
    """A throw-away SQLite database of n synthetic profiles with their suggestions rebuilt; inside its app
    context, yields the rebuild's seconds (bench/feedback.py uses it too)."""
    import tempfile

    from matchmaker import create_app
    from matchmaker.config import TestConfig
    from matchmaker.extensions import db
    from matchmaker.models import Organisation
    from matchmaker.services import suggestions

    docs = synthetic_docs(n)
    with tempfile.TemporaryDirectory() as folder:
        config = {k: getattr(TestConfig, k) for k in dir(TestConfig) if k.isupper()}
        config["SQLALCHEMY_DATABASE_URI"] = f"sqlite:///{folder}/bench.sqlite3"
        app = create_app(config)
        with app.app_context():
            db.create_all()
            db.session.execute(db.insert(Organisation), [
                {"name": d.id, "kind": "sme" if d.side == "company" else "university", "offer": d.offer,
                 "seek": d.seek, "external_id": d.id} for d in docs])
            db.session.commit()
            start = time.perf_counter()
            suggestions.rebuild_all()
            yield time.perf_counter() - start


def run_service(n: int) -> dict:
    """Child process: a real database with n profiles; latency of one edit and of one suggestions query."""
    from matchmaker.extensions import db
    from matchmaker.models import Organisation, Suggestion
    from matchmaker.services import suggestions

    with synthetic_directory(n) as rebuild:
        rng = random.Random(1)
        orgs = db.session.execute(db.select(Organisation).limit(2000)).scalars().all()
        pool = sentences()
        edits, queries, row_products, selects = [], [], [], []
        engine = suggestions.matcher()
        for org in rng.sample(orgs, 20):
            org.offer = " ".join(rng.sample(pool, 4))
            db.session.commit()
            t = time.perf_counter()
            suggestions.refresh_organisation(org)
            edits.append(time.perf_counter() - t)
            row_products.append(one_row_product(engine, org))
        for org in rng.sample(orgs, 100):
            t = time.perf_counter()
            suggestions.suggestions_for(org, "tech-transfer")
            queries.append(time.perf_counter() - t)
            t = time.perf_counter()
            db.session.execute(db.select(Suggestion, Organisation)
                               .join(Organisation, Organisation.id == Suggestion.target_id)
                               .where(Suggestion.kind == "tech-transfer", Suggestion.source_id == org.id)
                               .order_by(Suggestion.rank)).all()
            selects.append(time.perf_counter() - t)
    return {"n": n, "service_rebuild_s": rebuild, "edit_ms_median": 1000 * statistics.median(edits),
            "edit_ms_p90": 1000 * sorted(edits)[int(0.9 * len(edits)) - 1],
            "edit_floor_ms": 1000 * statistics.median(row_products),
            "query_ms_median": 1000 * statistics.median(queries),
            "query_ms_p90": 1000 * sorted(queries)[int(0.9 * len(queries)) - 1],
            "query_floor_ms": 1000 * statistics.median(selects)}


def one_row_product(engine, org) -> float:
    """The floor of an edit: one profile's seek row against the other side's offers (one sparse product)."""
    from matchmaker.matching.rank import TARGET_SIDE
    from matchmaker.services.matching import doc_id

    doc = engine.docs_[doc_id(org.id, org.external_id)]
    offers = engine.side(TARGET_SIDE[("tech-transfer", doc.side)]).offers
    row = engine.index_.seek_[engine.index_.position_[doc.id]]
    start = time.perf_counter()
    (offers @ row.T).toarray()
    return time.perf_counter() - start


def calibration() -> float:
    """The time of sum(i*i for i in range(10**7)): 0.6 s on the machine of the README's figures."""
    start = time.perf_counter()
    sum(i * i for i in range(10**7))
    return time.perf_counter() - start


def child(kind: str, n: int) -> dict:
    cpu = ["--cpu"] if clock is time.process_time else []
    out = subprocess.run([sys.executable, __file__, "--child", kind, str(n), *cpu], capture_output=True, text=True,
                         cwd=ROOT)
    if out.returncode != 0:
        return {"n": n, "error": (out.stderr.strip().splitlines() or ["failed"])[-1]}
    return json.loads(out.stdout.strip().splitlines()[-1])


def medians(runs: list[dict]) -> dict:
    """Each numeric figure's median over `runs` (the first error, if any run failed)."""
    failed = [r for r in runs if "error" in r]
    if failed:
        return failed[0]
    return {key: statistics.median(r[key] for r in runs) for key in runs[0]}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--child", nargs=2)
    parser.add_argument("--repeat", type=int, default=1, help="runs of ours and the baseline, alternately")
    parser.add_argument("--no-service", action="store_true", help="skip the 10k edit and query figures")
    parser.add_argument("--cpu", action="store_true", help="CPU seconds, ours on one thread (use with taskset -c 0)")
    args = parser.parse_args()
    if args.cpu:
        global clock, THREADS
        clock, THREADS = time.process_time, 1
    if args.child:
        kind, n = args.child[0], int(args.child[1])
        print(json.dumps({"rebuild": run_rebuild, "baseline": run_baseline,
                          "baseline-both": lambda n: run_baseline(n, both=True), "service": run_service}[kind](n)))
        return
    if not HISTORY.is_dir():
        sys.exit(f"CORDIS data not found at {HISTORY}")
    print(f"calibration: sum(i*i for i in range(10**7)) took {calibration():.2f} s (README figures: 0.6 s)"
          + ("; times below are CPU seconds, ours on one thread" if args.cpu else ""))
    print(f"{'profiles':>9} | {'ours: fit':>9} {'rank':>7} {'total':>7} {'peak':>9} | {'floor':>7} "
          f"{'total/floor':>11} | {'cosine_similarity: total':>24} {'peak':>9}")
    for n in (int(s) for s in args.sizes.split(",")):
        ours_runs: list[dict] = []
        base_runs: list[dict] = []
        both_runs: list[dict] = []
        for _ in range(max(1, args.repeat) if n <= 20_000 else 1):
            ours_runs.append(child("rebuild", n))
            if n <= 20_000:
                base_runs.append(child("baseline", n))
                both_runs.append(child("baseline-both", n))
        ours = medians(ours_runs)
        base = medians(base_runs) if n <= 20_000 else {"error": "not run: the dense matrix would need "
                                                                f"{(n / 2) ** 2 * 8 / 2**30:.0f} GiB"}
        both = medians(both_runs) if n <= 20_000 else {"error": "not run"}
        ours_text = (f"{ours['fit_s']:8.2f}s {ours['rank_s']:6.2f}s {ours['total_s']:6.2f}s {ours['peak_mib']:6.0f} MiB"
                     f" | {ours['floor_s']:6.2f}s {ours['total_s'] / ours['floor_s']:10.1f}x"
                     if "error" not in ours else ours["error"])
        base_text = (f"{base['total_s']:23.2f}s {base['peak_mib']:6.0f} MiB" if "error" not in base
                     else base["error"])
        ratio = f"  ours/baseline {ours['total_s'] / base['total_s']:.2f}" if "error" not in {**ours, **base} \
            else ""
        print(f"{n:9} | {ours_text} | {base_text}{ratio}", flush=True)
        if "error" not in {**ours, **both}:
            print(f"{'':9}   dense cosine_similarity of the same text score (both directions): {both['total_s']:.2f}s "
                  f"{both['peak_mib']:.0f} MiB  ours/baseline {ours['total_s'] / both['total_s']:.2f}", flush=True)
    if args.no_service:
        return
    service = child("service", 10_000)
    if "error" in service:
        print(f"\nat 10,000 profiles in SQLite: ERROR {service['error']}")
        return
    print(f"\nat 10,000 profiles in SQLite: rebuild through the service {service['service_rebuild_s']:.1f}s\n"
          f"profile edit -> suggestions updated: median {service['edit_ms_median']:.0f} ms, "
          f"p90 {service['edit_ms_p90']:.0f} ms; floor (one row's product) {service['edit_floor_ms']:.2f} ms: "
          f"{service['edit_ms_median'] / service['edit_floor_ms']:.0f}x\n"
          f"suggestions query (20 rows with reasons): median {service['query_ms_median']:.1f} ms, "
          f"p90 {service['query_ms_p90']:.1f} ms; floor (the same SELECT without reasons) "
          f"{service['query_floor_ms']:.2f} ms: "
          f"{service['query_ms_median'] / service['query_floor_ms']:.1f}x")


if __name__ == "__main__":
    main()
