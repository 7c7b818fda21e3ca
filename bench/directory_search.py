"""Directory search benchmark: bilingual full-text search over N synthetic profiles (default 100,000) on SQLite,
against the substring search it replaced (ILIKE over name, keywords, description, offer, seek, city).

Profiles are built from real CORDIS abstract sentences (English) plus Italian profiles written from an Italian
phrase pool, with random taxonomy tags. Each query runs as the directory page runs it (count + first page of 20).

    .venv/bin/python bench/directory_search.py [--n 100000] [--repeat 5]
Target (issue #15): a search answers within 100 ms on a machine where the calibration loop takes 1.5 s.
"""
from __future__ import annotations

import argparse
import csv
import random
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
HISTORY = ROOT.parent / "shared" / "data" / "cordis" / "history"
QUERIES = ["oncologia", "terapia genica", "gene therapy", "dispositivi medici", "cancer immunotherapy",
           "machine learning imaging", "biomarcatori alzheimer", "università", "antibodies", "nanoparticelle",
           "oncologia&kind=sme", "università&sector=pharma"]  # the last two: the search words plus a filter
ITALIAN = [
    "Sviluppiamo terapie geniche e cellulari per malattie rare.", "Centro di ricerca in oncologia traslazionale.",
    "Dispositivi medici indossabili per il monitoraggio cardiaco.", "Piattaforma di intelligenza artificiale per "
    "la diagnostica per immagini.", "Biomarcatori per la diagnosi precoce della malattia di Alzheimer.",
    "Nanoparticelle lipidiche per il rilascio di farmaci.", "Sperimentazioni cliniche di fase I e II in "
    "ematologia.", "Anticorpi monoclonali contro tumori solidi.", "Biobanca di campioni di pazienti con "
    "sclerosi multipla.", "Servizi di bioinformatica e analisi genomica.", "Riabilitazione robotica dopo ictus.",
    "Vaccini a mRNA contro malattie infettive.", "Microbiota intestinale e nutraceutica.",
]


def calibration() -> float:
    """Seconds for sum(i*i for i in range(10**7)) (1.5 s on the machine the issue's times refer to)."""
    start = time.perf_counter()
    sum(i * i for i in range(10**7))
    return time.perf_counter() - start


def sentences() -> list[str]:
    if not (HISTORY / "projects.csv").is_file():
        sys.exit(f"needs the CORDIS data at {HISTORY}")
    with (HISTORY / "projects.csv").open(encoding="utf-8", newline="") as fh:
        text = " ".join(row["objective"] for row in csv.DictReader(fh, delimiter="|"))
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+", text) if 40 < len(s) < 400]


def populate(n: int, seed: int = 0) -> float:
    """Insert n profiles (core inserts, no per-row ORM work) and build the index; returns the indexing seconds."""
    from matchmaker import taxonomy
    from matchmaker.extensions import db
    from matchmaker.models import Organisation, OrganisationTag
    from matchmaker.search import index

    rng, pool = random.Random(seed), sentences()
    kinds, areas, sectors = taxonomy.KINDS.codes(), taxonomy.THERAPEUTIC_AREAS.codes(), taxonomy.SECTORS.codes()
    orgs, tags = [], []
    for i in range(1, n + 1):
        italian = rng.random() < 0.2
        offer = " ".join(rng.sample(ITALIAN, 2) if italian else rng.sample(pool, rng.randint(2, 4)))
        orgs.append({"id": i, "name": f"Organisation {i}", "kind": rng.choice(kinds), "offer": offer,
                     "seek": rng.choice(pool) if rng.random() < 0.3 else "", "language": "it" if italian else "en"})
        tags += [{"organisation_id": i, "facet": "therapeutic_area", "code": c} for c in rng.sample(areas, 1)]
        tags += [{"organisation_id": i, "facet": "sector", "code": c} for c in rng.sample(sectors, 1)]
    for start in range(0, n, 10_000):
        db.session.execute(db.insert(Organisation), orgs[start:start + 10_000])
    db.session.execute(db.insert(OrganisationTag), tags)
    start = time.perf_counter()
    index.rebuild(db.session.connection())
    db.session.commit()
    return time.perf_counter() - start


def timed(fn, repeat: int) -> tuple[float, object]:
    """Median milliseconds over `repeat` runs (after one warm-up) and the last result."""
    result, times = fn(), []
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    from sqlalchemy import or_

    from matchmaker import create_app
    from matchmaker.config import TestConfig
    from matchmaker.extensions import db
    from matchmaker.models import Organisation
    from matchmaker.services.profiles import DirectoryFilters, search_directory

    calib = calibration()
    print(f"calibration sum(i*i for i in range(10**7)): {calib:.2f} s (the issue's times assume 1.5 s)", flush=True)
    target = 100 * calib / 1.5
    with tempfile.TemporaryDirectory() as tmp:
        class BenchConfig(TestConfig):
            SQLALCHEMY_DATABASE_URI = f"sqlite:///{tmp}/bench.sqlite3"

        app = create_app(BenchConfig)
        with app.app_context():
            db.create_all()
            indexing = populate(args.n)
            size = Path(f"{tmp}/bench.sqlite3").stat().st_size / 2**20
            print(f"{args.n:,} profiles; index built in {indexing:.1f} s; database {size:.0f} MiB")
            print(f"target: 100 ms at 1.5 s calibration = {target:.0f} ms here")
            print(f"{'query':28} {'full text ms':>12} {'hits':>7} | {'baseline: substring ms':>22} {'hits':>7}")
            worst = 0.0
            for label in QUERIES:
                q, _, narrowing = label.partition("&")
                filters = DirectoryFilters(q=q, **dict([narrowing.split("=")] if narrowing else []))
                ours, page = timed(lambda: search_directory(filters, 1, 20), args.repeat)

                def substring(q=q):
                    like = f"%{q}%"
                    stmt = db.select(Organisation).where(or_(*(c.ilike(like) for c in (
                        Organisation.name, Organisation.keywords, Organisation.description, Organisation.offer,
                        Organisation.seek, Organisation.city)))).order_by(Organisation.name)
                    return db.paginate(stmt, page=1, per_page=20, error_out=False)

                base, old = timed(substring, max(1, args.repeat // 2))
                worst = max(worst, ours)
                print(f"{label:28} {ours:12.1f} {page.total:7,} | {base:22.1f} {old.total:7,}")
            # The machine is shared: calibrate again after the queries and judge against the mean of both.
            calib = (calib + calibration()) / 2
            target = 100 * calib / 1.5
            verdict = "meets" if worst <= target else "MISSES"
            print(f"calibration before/after the queries, mean: {calib:.2f} s -> target {target:.0f} ms here")
            print(f"slowest search {worst:.1f} ms: {verdict} the target")


if __name__ == "__main__":
    main()
