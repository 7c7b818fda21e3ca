"""The Jobs page (organisers and admins), one job's progress (also as JSON for polling), cancelling."""
from __future__ import annotations

from flask import Blueprint, abort, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from matchmaker.extensions import db
from matchmaker.jobs.status import cancel, live, reap_stale
from matchmaker.models.job import Job
from matchmaker.permissions import organiser_required

bp = Blueprint("jobs", __name__, url_prefix="/jobs")
PAGE = 50


def job_for_viewer(job_id: int) -> Job:
    """The job, if the current user started it or is an organiser or admin (404 / 403 otherwise)."""
    job = db.session.get(Job, job_id)
    if job is None:
        abort(404)
    if not (current_user.is_organiser or job.user_id == current_user.id):
        abort(403)
    return job


@bp.get("/")
@organiser_required
def index():
    reap_stale()
    jobs = db.session.execute(db.select(Job).order_by(Job.id.desc()).limit(PAGE)).scalars().all()
    return render_template("jobs/index.html", jobs=[(job, live(job)) for job in jobs])


@bp.get("/<int:job_id>.json")
@login_required
def show_json(job_id: int):
    reap_stale()
    return jsonify(live(job_for_viewer(job_id)))


@bp.post("/<int:job_id>/cancel")
@login_required
def cancel_job(job_id: int):
    job = job_for_viewer(job_id)
    if job.finished:
        flash(_("This job has already finished."), "info")
    else:
        cancel(job)
        flash(_("The job is being cancelled."), "info")
    target = request.form.get("next", "")
    return redirect(target if target.startswith("/") and not target.startswith("//") else url_for("jobs.index"))
