"""Feedback benchmark: the latency of one feedback click at 10k synthetic profiles (SQLite), beside its floors.

A click is what the suggestions page does for "Decline (not relevant)" or "Interested": store the answer
(review.give_feedback, one commit) and show the list again, re-ranked by every answer so far (review_page).
Printed beside, from the same run: the same list read without any feedback (suggestions_for: the page before
this feature), one row's sparse product (the floor the matching benchmark uses for an edit) and a profile edit
(refresh_organisation, whose median the README holds to <= 150x that floor). First line: the calibration
figure, the time of sum(i*i for i in range(10**7)) (0.6 s on the machine of the README's figures).

    nice -n 15 .venv/bin/python bench/feedback.py [--n 10000] [--clicks 30]
"""
from __future__ import annotations

import argparse
import importlib.util
import random
import statistics
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
_spec = importlib.util.spec_from_file_location("bench_matching", HERE / "matching.py")
bench_matching = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bench_matching)


def median_ms(values: list[float]) -> str:
    return f"{1000 * statistics.median(values):7.1f} ms (p90 {1000 * sorted(values)[int(0.9 * len(values)) - 1]:.1f})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--clicks", type=int, default=30)
    args = parser.parse_args()
    print(f"calibration: {bench_matching.calibration():.2f} s (0.6 s on the README's machine)")

    from matchmaker.extensions import db
    from matchmaker.models import Organisation, Suggestion
    from matchmaker.services import review, suggestions
    from matchmaker.services.review_list import ReviewFilters, review_page

    with bench_matching.synthetic_directory(args.n) as rebuild:
        print(f"{args.n} profiles, rebuild {rebuild:.1f} s")
        rng = random.Random(1)
        sources = db.session.execute(db.select(Organisation).where(Organisation.kind == "sme").limit(500)
                                     ).scalars().all()
        engine = suggestions.matcher()
        clicks, stores, reads, plain, floors = [], [], [], [], []
        for org in rng.sample(sources, args.clicks):
            t = time.perf_counter()
            suggestions.suggestions_for(org, "tech-transfer")
            plain.append(time.perf_counter() - t)
            floors.append(bench_matching.one_row_product(engine, org))
            answered = 0
            for suggestion in db.session.execute(db.select(Suggestion).where(
                    Suggestion.source_id == org.id, Suggestion.kind == "tech-transfer")
                    .order_by(Suggestion.rank).limit(4)).scalars().all():
                target = db.session.get(Organisation, suggestion.target_id)
                action = ("interested", "decline")[answered % 2]
                t = time.perf_counter()
                review.give_feedback(org, target, "tech-transfer", action, None,
                                     "not_relevant" if action == "decline" else None)
                stored = time.perf_counter()
                review_page(org, "tech-transfer", ReviewFilters())
                done = time.perf_counter()
                stores.append(stored - t)
                reads.append(done - stored)
                clicks.append(done - t)
                answered += 1
        edits = []
        pool = bench_matching.sentences()
        for org in rng.sample(sources, 10):
            org.offer = " ".join(rng.sample(pool, 4))
            db.session.commit()
            t = time.perf_counter()
            suggestions.refresh_organisation(org)
            edits.append(time.perf_counter() - t)
    floor = statistics.median(floors)
    print(f"feedback click (store + re-ranked page): {median_ms(clicks)}  = {statistics.median(clicks) / floor:.0f}x "
          f"one row's product ({1000 * floor:.2f} ms; the edit target is <= 150x)")
    print(f"  of which storing the answer:           {median_ms(stores)}")
    print(f"  of which the re-ranked list:           {median_ms(reads)}")
    print(f"baseline: the same list, no feedback:    {median_ms(plain)}")
    print(f"a profile edit (refresh_organisation):   {median_ms(edits)}")


if __name__ == "__main__":
    main()
