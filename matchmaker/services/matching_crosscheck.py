"""The cross-check of the weights chosen on CORDIS future-dev: every blend of a small grid ranked once, chosen on
one half of the companies and measured on the other (evaluate.cross_check)."""
from __future__ import annotations

from dataclasses import replace

import numpy as np

from matchmaker.matching import evaluate, scoring
from matchmaker.matching.documents import RESEARCH
from matchmaker.matching.rank import Matcher
from matchmaker.matching.scoring import ScoreWeights
from matchmaker.services.matching_eval import CordisTask

# The three weights chosen on future-dev, each at half, its value and double (and zero).
GRID = {"prior": (0.125, 0.25, 0.5), "standing": (0.0, 0.015, 0.03, 0.06), "network": (0.0, 0.015, 0.03, 0.06)}
FLOOR = 0.60  # topical@10 and health@10 a blend must reach (measured on history alone) to be chosen


def blends(base: ScoreWeights = ScoreWeights()) -> dict[str, ScoreWeights]:
    """Every blend of GRID, labelled like 'prior 0.25, standing 0.03, network 0.03'."""
    return {f"prior {p}, standing {s}, network {n}": replace(base, prior=p, standing=s, network=n)
            for p in GRID["prior"] for s in GRID["standing"] for n in GRID["network"]}


def grid_rankings(task: CordisTask, weights: dict[str, ScoreWeights]) -> dict[str, evaluate.Ranking]:
    """Every company's ranking of the candidates under each blend: the engine's parts computed once (imported
    CORDIS profiles carry no structured signals, so the score is the rounded quick score), ties by id."""
    matcher = Matcher().fit(task.docs, task.projects)
    side = matcher.side(RESEARCH)
    ids = [matcher.index_.ids_[r] for r in side.rows.tolist()]
    wanted = np.array(sorted(range(len(ids)), key=ids.__getitem__), dtype=np.int64)  # id order for ties
    wanted = wanted[np.isin(np.array(ids, dtype=object)[wanted], task.candidates)]
    columns = [matcher.index_.position_[c] for c in task.companies]
    forward, backward, track, shared = matcher.components(RESEARCH, columns)
    direction = matcher.directions()[columns][None, :]
    track = track - matcher.standing()[side.rows][:, None]  # the standing of each blend is added below
    standing = matcher.network_.standing_[side.rows].astype(np.float64)[wanted][:, None]
    forward, backward, track, shared = (part[wanted] for part in (forward, backward, track, shared))
    names = np.array(ids, dtype=object)[wanted]
    result = {}
    for label, w in weights.items():
        score = scoring.quick(w, forward, backward, track + w.standing / w.prior * standing, shared, direction)
        score = scoring.rounded(score.ravel()).reshape(score.shape)
        order = np.argsort(-score, axis=0, kind="stable")
        result[label] = {q: [t for t, value in zip(names[order[:, column]].tolist(),
                                                   score[order[:, column], column].tolist())
                             if value > 0 and t not in task.excluded.get(q, ())]
                         for column, q in enumerate(task.companies)}
    return result


def report(task: CordisTask, baselines: dict[str, evaluate.Ranking], splits: int = 10) -> list[str]:
    """The cross-check as lines: the blends chosen on one half measured on the other, beside the best baseline of
    each measuring half, and the present rule (no choice) on the same halves."""
    weights = blends()
    rankings = grid_rankings(task, weights)
    fit = {label: evaluate.topical_fit(r, task.clusters, task.health) for label, r in rankings.items()}
    allowed = [label for label in weights if fit[label]["topical@10"] >= FLOOR and fit[label]["health@10"] >= FLOOR]
    present = next((label for label, w in weights.items() if w == ScoreWeights()), None)
    if present is None:
        raise ValueError("the cross-check grid must contain the present weights (ScoreWeights()); widen GRID")
    chosen = evaluate.cross_check(rankings, allowed or list(weights), baselines, task.truth, splits)
    fixed = evaluate.cross_check(rankings, [present], baselines, task.truth, splits)
    lines = [f"\ncross-check: {len(weights)} blends of {GRID}, {len(allowed)} of them with topical@10 and "
             f"health@10 >= {FLOOR}; one chosen on half of the companies (best recall@10 + MRR), measured on the other "
             f"half, both ways, over {splits} random halvings:"]
    for name, rows in (("chosen blend", chosen), ("present rule", fixed)):
        for metric in ("recall@10", "MRR"):
            ours = np.array([row["engine"][metric] for row in rows])
            best = np.array([max(row[b][metric] for b in baselines) for row in rows])
            lines.append(f"  {name} {metric:9} {ours.mean():.3f} vs best baseline of each half {best.mean():.3f} "
                         f"(margin {np.min(ours - best):+.3f} to {np.max(ours - best):+.3f})")
        wins = sum(all(row["engine"][m] > row[b][m] for b in baselines for m in ("recall@10", "MRR")) for row in rows)
        lines.append(f"  {name}: above every baseline on both metrics on {wins} of {len(rows)} measuring halves")
    for label in sorted({row["variant"] for row in chosen}, key=lambda v: -sum(row["variant"] == v for row in chosen)):
        lines.append(f"  chosen {sum(row['variant'] == label for row in chosen):2}x: {label} "
                     f"(topical@10 {fit[label]['topical@10']:.3f}, health@10 {fit[label]['health@10']:.3f})")
    return lines
