"""The organiser's schedule page: run the job, follow it, read the draft's report and grid, change it, publish."""
from __future__ import annotations

import math

from flask import flash, redirect, render_template, request, url_for
from babel.lists import format_list
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_required

from matchmaker import count_wording
from matchmaker.events import bp, wording
from matchmaker.events.access import organised
from matchmaker.events.organiser import refusal_flash
from matchmaker.extensions import db
from matchmaker.request_guards import db_id
from matchmaker.jobs import enqueue, live
from matchmaker.models.job import Job
from matchmaker.services import events_closing, events_moves
from matchmaker.services.events import Conflict
from matchmaker.services.events_clashes import published_clashes
from matchmaker.services.events_grid import grid
from matchmaker.services.events_job import DEFAULT_LIMIT, KIND, best_so_far
from matchmaker.services.events_people import expire_pending
from matchmaker.services.events_publish import confirmation, refuse_if_draft, unpublished_changes
from matchmaker.services.events_publish import publish as publish_event


@bp.get("/<int:event_id>/schedule")
@login_required
def schedule(event_id: int):
    event = organised(event_id)
    job = db.session.get(Job, event.schedule_job_id) if event.schedule_job_id else None
    view = _as_the_draft_is(live(job), event.report or {}) if job else None
    best = best_so_far(job.id) if job and view["state"] == "running" else None
    data = grid(event)
    reasons = {m_id: wording.unplaced_named(reason, data.participant_names) for m_id, _n, reason, _p in data.unplaced}
    typed = {key: request.args.get(key, "") for key in ("meeting", "slot", "table", "other")}
    return render_template("events/schedule.html", event=event, job=view, best=best, grid=data, reasons=reasons,
                           report=event.report or {}, wording=wording, typed=typed, since_run=since_run,
                           time_limit=_last_limit(job),
                           unpublished=unpublished_changes(event), confirm=confirmation(event),
                           clashes=published_clashes(event) if event.published_version else [])


def since_run(report: dict) -> str:
    """What changed the draft since the last run, each cause said apart ("1 manual change and 1 participant
    withdrew"); empty when nothing did."""
    wordings = (lambda n: ngettext("%(num)s manual change", "%(num)s manual changes", n),
                lambda n: ngettext("%(num)s participant withdrew", "%(num)s participants withdrew", n),
                lambda n: ngettext("%(num)s participation cancelled by the organisers",
                                   "%(num)s participations cancelled by the organisers", n))
    counts = (int(report.get(cause) or 0) for cause in events_moves.SINCE_RUN)
    phrases = [word(n) for word, n in zip(wordings, counts) if n]
    return format_list(phrases, locale=get_locale()) if phrases else ""


def _as_the_draft_is(view: dict, report: dict) -> dict:
    """A finished run's header after later changes: the draft's figures now, not the run's (which said otherwise
    than the report below)."""
    changes = since_run(report)
    if view["state"] != "done" or not changes or "placed" not in report:
        return view
    return view | {"total": 0, "message": _(  # the figures once, the draft's (the run's "9 of 9" beside them misled)
        "the draft now: %(placed)s, %(breaks)s (%(changes)s since the last run)",
        placed=count_wording.meetings_placed(report["placed"], report["requested"]),
        breaks=ngettext("%(num)s break", "%(num)s breaks", report.get("total_breaks") or 0), changes=changes)}


@bp.post("/<int:event_id>/schedule/run")
@login_required
def run(event_id: int):
    event = organised(event_id)
    current = db.session.get(Job, event.schedule_job_id) if event.schedule_job_id else None
    if current is not None and not current.finished:
        flash(_("A scheduling job is already running for this event."), "info")
        return redirect(url_for("events.schedule", event_id=event.id))
    try:
        events_closing.refuse_if_closed(event)
    except Conflict as exc:
        refusal_flash(exc)
        return redirect(url_for("events.schedule", event_id=event.id))
    typed = request.form.get("time_limit", "")
    limit = _time_limit(typed)
    if limit is None:  # refused before anything starts, the figure to write said (not silently the default)
        flash(_("Nothing started: the time limit is a number of seconds from %(min)s to %(max)s, not “%(typed)s”.",
                min=1, max=600, typed=typed[:20]), "error")
        return redirect(url_for("events.schedule", event_id=event.id))
    expire_pending(event)
    job = enqueue(KIND, {"event_id": event.id, "time_limit": limit}, user_id=current_user.id, label=event.name)
    event = db.session.get(type(event), event_id)
    event.schedule_job_id = job.id
    db.session.commit()
    flash(_("Scheduling started; this page follows it."), "info")
    return redirect(url_for("events.schedule", event_id=event.id))


def _last_limit(job: Job | None) -> str:
    """The time limit the form offers: the latest run's once it has finished (what the organiser chose then), else
    the default (no run yet, one going, or one that failed or was cancelled)."""
    last = (job.result or {}).get("time_limit") if job is not None else None
    return f"{float(last or DEFAULT_LIMIT):g}"


def _time_limit(typed: str) -> float | None:
    """The run's time limit in seconds: empty means the default (30), else a number from 1 to 600; None when it is
    anything else (letters, 0, -5, 100000, nan)."""
    if not typed.strip():
        return DEFAULT_LIMIT
    try:
        seconds = float(typed)
    except ValueError:
        return None
    return seconds if math.isfinite(seconds) and 1 <= seconds <= 600 else None


@bp.post("/<int:event_id>/publish")
@login_required
def publish(event_id: int):
    event = organised(event_id)
    try:
        refuse_if_draft(event)
        events_closing.refuse_if_closed(event)
    except Conflict as exc:
        refusal_flash(exc)
        return redirect(url_for("events.schedule", event_id=event.id))
    confirm = confirmation(event)
    if confirm and request.form.get("confirm") != "1":  # the page's disclosure says what publishing ends or empties
        flash(_("The draft was not published: confirm that publishing ends the meeting requests.") if confirm["ending"]
              else _("The draft was not published: it holds no meeting; confirm that every participant gets an "
                     "empty agenda."), "error")
        return redirect(url_for("events.schedule", event_id=event.id, _anchor="publish-confirm"))
    ending = confirm and confirm["ending"]
    counts = publish_event(event)
    db.session.commit()
    flash(_("Agenda published: %(changes)s.", changes=count_wording.agenda_changes(**counts)), "success")
    if ending and ending["pending"]:
        flash(ngettext("%(num)s pending meeting request expired; its sender was told.",
                       "%(num)s pending meeting requests expired; their senders were told.", ending["pending"]),
              "info")
    return redirect(url_for("events.schedule", event_id=event.id))


@bp.post("/<int:event_id>/meetings/change")
@login_required
def change(event_id: int):
    """Move, swap, unplace, lock or unlock, as the form's `action` says."""
    event = organised(event_id)
    form = request.form
    action, version = form.get("action", ""), form.get("version", type=db_id)
    try:  # people type the meetings' numbers in the event, not their ids
        meeting_id = events_moves.by_number(event, form.get("meeting", type=db_id))
        told = None
        if action == "move":
            told = events_moves.move(event, meeting_id, form.get("slot", type=int, default=-1),
                                     form.get("table", type=int, default=-1), version)
        elif action == "swap":
            other = events_moves.by_number(event, form.get("other", type=db_id))
            told = events_moves.swap(event, meeting_id, other, version)
        elif action == "unplace":
            told = events_moves.unplace(event, meeting_id, version)
        elif action in ("lock", "unlock"):
            events_moves.set_locked(event, meeting_id, action == "lock")
        else:
            flash(_("Unknown change."), "error")
            return redirect(url_for("events.schedule", event_id=event_id))
    except Conflict as exc:
        refusal_flash(exc)  # the form comes back with what was typed
        typed = {key: form.get(key, "")[:20] for key in ("meeting", "slot", "table", "other") if form.get(key)}
        return redirect(url_for("events.schedule", event_id=event_id, **typed))
    else:
        flash(_changed_wording(event, told), "success")
    # Back to the top of the page: the message (done, or why it was refused) and the recomputed report are there.
    return redirect(url_for("events.schedule", event_id=event_id))


def _changed_wording(event, told: list[str] | None) -> str:
    """What a manual change did: on a published agenda it is public at once, and the people notified are named."""
    if told is None or event.status != "published":
        return _("Agenda changed.")
    if not told:
        return _("Agenda changed and published at once (no participant with an account to notify).")
    return _("Agenda changed and published at once; notified: %(names)s.",
             names=format_list(sorted(set(told)), locale=get_locale()))
