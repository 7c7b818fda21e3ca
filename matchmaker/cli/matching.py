"""`flask matching ...`: rebuild stored suggestions, export rankings, evaluate on real collaborations."""
from __future__ import annotations

import csv
import tempfile
from contextlib import contextmanager
from pathlib import Path

import click
from flask.cli import AppGroup

from matchmaker.cli.progress import progress_bar
from matchmaker.matching.scoring import ScoreWeights

matching_cli = AppGroup("matching", help="Matching engine.")


@matching_cli.command("evaluate-cordis")
@click.option("--history", type=click.Path(exists=True, file_okay=False, path_type=Path), required=True)
@click.option("--future", type=click.Path(exists=True, file_okay=False, path_type=Path), required=True)
@click.option("--variants", is_flag=True, help="Also print the popularity fold-ins and fusion we investigated.")
@click.option("--cross-check", "cross", is_flag=True,
              help="Also choose the weights tuned on FUTURE on half of the companies and measure them on the other.")
def evaluate_cordis_command(history: Path, future: Path, variants: bool, cross: bool) -> None:
    """Import HISTORY into a fresh temporary database, rank, and score against FUTURE collaborations."""
    from matchmaker.matching import evaluate
    from matchmaker.services import matching_crosscheck, matching_eval

    with _history_task(history, future) as task:
        click.echo(f"{len(task.queries)} companies with future collaborations (of {len(task.companies)}), "
                   f"{len(task.candidates)} candidate research organisations, "
                   f"{sum(map(len, task.truth.values()))} future collaborations")
        measured = matching_eval.run_with_rankings(task, ScoreWeights())
        # The baselines of the cross-check are the baselines only, never the engine's --variants.
        baselines = {method: ranking for method, (_, ranking) in measured.items()
                     if ranking is not None and method != "matchmaker"}
        if variants:
            extra = matching_eval.prior_variants(task, ScoreWeights(), measured["tf-idf x (1+ln(1+projects))"][1])
            measured.update({name: ({**evaluate.metrics(r, task.truth),
                                     **evaluate.topical_fit(r, task.clusters, task.health)}, r)
                             for name, r in extra.items()})
        samples = matching_eval.halves(task, {method: ranking for method, (_, ranking) in measured.items()})
        margins = matching_eval.margins(task, measured["matchmaker"][1], baselines)
        crossed = matching_crosscheck.report(task, baselines) if cross else None
    click.echo(f"{'method':28} {'recall@10':>9} {'hit@10':>7} {'MRR':>6} {'nDCG@10':>8} {'topical@10':>10} "
               f"{'health@10':>9}")
    for method, (m, _) in measured.items():
        click.echo(f"{method:28} {m['recall@10']:9.3f} {m['hit@10']:7.3f} {m['MRR']:6.3f} {m['nDCG@10']:8.3f} "
                   f"{m['topical@10']:10.3f} {m['health@10']:9.3f}")
    click.echo(f"\nrecall@10 / MRR on {len(samples)} random halves of the companies (margins against noise):")
    for method in samples[0]:
        click.echo(f"{method:28} " + "  ".join(f"{s[method]['recall@10']:.3f} / {s[method]['MRR']:.3f}"
                                               for s in samples))
    for line in margins:
        click.echo(line)
    if crossed:
        for line in crossed:
            click.echo(line)
    if variants:
        rivals = {name: ranking for name, (_, ranking) in measured.items()}
        for line in matching_eval.half_losses(task, rivals["matchmaker"], rivals["tf-idf x (1+ln(1+projects))"]):
            click.echo(line)


@matching_cli.command("evaluate-feedback")
@click.option("--history", type=click.Path(exists=True, file_okay=False, path_type=Path), required=True)
@click.option("--future", type=click.Path(exists=True, file_okay=False, path_type=Path), required=True)
def evaluate_feedback_command(history: Path, future: Path) -> None:
    """Mark each company's first ten suggestions from FUTURE (interested / declined as not relevant) and compare
    recall@10 and MRR of the next ten before and after the feedback re-ranking."""
    from matchmaker.services import feedback_eval

    with _history_task(history, future) as task:
        result = feedback_eval.simulate(task)
    click.echo(f"{result.queries} companies with future partners beyond their first page "
               f"(re-ranking the next {feedback_eval.POOL - feedback_eval.PAGE} candidates of each)")
    click.echo(f"{'next ten':36} {'recall@10':>9} {'hit@10':>7} {'MRR':>6} {'nDCG@10':>8}")
    for name, m in result.measured.items():
        click.echo(f"{name:36} {m['recall@10']:9.3f} {m['hit@10']:7.3f} {m['MRR']:6.3f} {m['nDCG@10']:8.3f}")


@contextmanager
def _history_task(history: Path, future: Path):
    """HISTORY imported into a fresh temporary database, and the evaluation task built with FUTURE."""
    from matchmaker.cli.scratch import scratch_app
    from matchmaker.extensions import db
    from matchmaker.services import matching_eval
    from matchmaker.services.cordis import CordisFormatError, import_cordis

    with tempfile.TemporaryDirectory() as folder:
        app = scratch_app(Path(folder) / "evaluation.sqlite3")
        with app.app_context():
            db.create_all()
            try:
                import_cordis(history)
            except CordisFormatError as exc:
                raise click.ClickException(str(exc)) from None
            yield matching_eval.build_task(history, future)
            db.session.remove()


@matching_cli.command("rebuild")
@click.option("--top", type=int, default=20, show_default=True)
def rebuild_command(top: int) -> None:
    """Refit the engine on every profile and recompute every stored suggestion."""
    from matchmaker.services.suggestions import rebuild_all

    stored = rebuild_all(progress=progress_bar("Ranking"), top=top)
    click.echo(f"stored {stored} suggestions")


@matching_cli.command("retag")
@click.option("--rebuild/--no-rebuild", default=True, show_default=True,
              help="Queue a rebuild of the suggestions (a background job) when a profile changed.")
def retag_command(rebuild: bool) -> None:
    """Derive every profile's suggested tags and life-sciences flag again (after a glossary change)."""
    from matchmaker.extensions import db
    from matchmaker.jobs.runner import enqueue
    from matchmaker.services.tagging import retag_all
    from matchmaker.taxonomy import N_

    counts = retag_all(db.session)
    db.session.commit()
    click.echo(f"{counts['changed']} of {counts['read']} profiles changed their suggested tags")
    if rebuild and counts["changed"]:
        job = enqueue("rebuild", label=N_("after re-tagging"))
        click.echo(f"rebuild queued as job {job.id}")


@matching_cli.command("export")
@click.option("--kind", type=click.Choice(["tech-transfer", "investor"]), default="tech-transfer",
              show_default=True)
@click.option("--top", type=int, default=10, show_default=True)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), required=True)
def export_command(kind: str, top: int, out: Path) -> None:
    """For every company: its top N research organisations (or, with --kind investor, investors).

    CSV columns: source_id,rank,target_id,score; ids are external ids (the CORDIS PIC for imported ones).
    Organisations that were already partners in the imported history are left out.
    """
    from matchmaker.matching.documents import COMPANY
    from matchmaker.services.suggestions import matcher

    rankings = matcher(refresh=True).rank_all(kind, COMPANY, top=top, progress=progress_bar("Ranking"))
    with out.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["source_id", "rank", "target_id", "score"])
        for source in sorted(rankings):
            for rank, match in enumerate(rankings[source], start=1):
                writer.writerow([source, rank, match.target, f"{match.score:.6f}"])
    click.echo(f"wrote {sum(map(len, rankings.values()))} rows for {len(rankings)} companies to {out}")


@matching_cli.command("evaluate-investors")
@click.option("--data", "folder", type=click.Path(exists=True, file_okay=False, path_type=Path), required=True,
              help="The yc_startups_investors folder (Startups.csv).")
def evaluate_investors_command(folder: Path) -> None:
    """Leave-one-out: each investor's thesis is built from its other portfolio companies; rank investors."""
    from matchmaker.services.investor_eval import run

    results = run(folder)
    sizes = results.pop("_sizes")
    click.echo(f"{sizes['queries']} held-out start-ups, {sizes['investors']} investors with 5+ portfolio companies")
    click.echo(f"{'method':15} {'recall@10':>9} {'hit@10':>7} {'MRR':>6} {'nDCG@10':>8}")
    for method, m in results.items():
        click.echo(f"{method:15} {m['recall@10']:9.3f} {m['hit@10']:7.3f} {m['MRR']:6.3f} {m['nDCG@10']:8.3f}")
