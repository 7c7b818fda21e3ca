"""Investor matching evaluation on the YC start-ups data: leave-one-out investor profiles."""
from __future__ import annotations

import csv
from collections import defaultdict
from pathlib import Path

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize

from matchmaker.matching import evaluate
from matchmaker.matching.documents import COMPANY, INVESTOR, ProfileDoc
from matchmaker.matching.rank import Matcher

SEEKS = frozenset({"investment"})  # every start-up of the data set raised money: it seeks investment
MIN_PORTFOLIO = 5  # investors with fewer portfolio companies have too little text to build a thesis from


def load(folder: Path) -> tuple[dict[str, str], dict[str, set[str]]]:
    """Start-up texts (description + categories) and investor -> portfolio (Y Combinator itself left out)."""
    texts: dict[str, str] = {}
    portfolio: dict[str, set[str]] = defaultdict(set)
    with (folder / "Startups.csv").open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            name, description = row["Company"].strip(), (row["Description"] or "").strip()
            if not name or not description:
                continue
            texts[name] = f"{description} {row['Categories'] or ''}"
            for investor in (i.strip() for i in (row["Investors"] or "").split(",")):
                if investor and investor.lower() != "y combinator":
                    portfolio[investor].add(name)
    return texts, {i: p for i, p in portfolio.items() if len(p) >= MIN_PORTFOLIO}


def run(folder: Path) -> dict[str, dict[str, float]]:
    """Our engine, popularity and plain TF-IDF, each ranking the investors for every held-out start-up."""
    texts, portfolio = load(folder)
    investors = sorted(portfolio)
    queries = sorted({s for p in portfolio.values() for s in p if s in texts})
    truth = {s: {i for i in investors if s in portfolio[i]} for s in queries}
    ours, popular, plain = {}, {}, {}
    for s in queries:
        theses = {i: " ".join(texts[c] for c in sorted(portfolio[i] - {s}) if c in texts) for i in investors}
        # An investor's track record: its other portfolio companies as funded projects, their number as its deal count.
        docs = [ProfileDoc(s, COMPANY, kind="startup", offer=texts[s], collaboration=SEEKS)] + \
               [ProfileDoc(f"inv:{i}", INVESTOR, kind="investor", seek=theses[i], activity=len(portfolio[i] - {s}),
                           projects=frozenset(c for c in portfolio[i] - {s} if c in texts)) for i in investors]
        matcher = Matcher().fit(docs, {c: texts[c] for c in texts if c != s})
        ranked = [m.target.removeprefix("inv:") for m in matcher.rank(s, "investor", top=len(investors))]
        ours[s] = ranked + [i for i in investors if i not in ranked]
        popular[s] = sorted(investors, key=lambda i: (-len(portfolio[i] - {s}), i))
        vectorizer = TfidfVectorizer().fit([texts[s], *theses.values()])
        sims = (normalize(vectorizer.transform([texts[s]])) @ normalize(vectorizer.transform(
            [theses[i] for i in investors])).T).toarray().ravel()
        plain[s] = [investors[j] for j in np.argsort(-sims, kind="stable")]
    return {"popularity": evaluate.metrics(popular, truth), "tf-idf cosine": evaluate.metrics(plain, truth),
            "matchmaker": evaluate.metrics(ours, truth),
            "_sizes": {"queries": len(queries), "investors": len(investors)}}
