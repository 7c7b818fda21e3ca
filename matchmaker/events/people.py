"""The organisers' participants page: the roster, adding people one by one or from a file (a big file on the
task queue), cancelling and reinstating a participation."""
from __future__ import annotations

from flask import Response, abort, current_app, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import pgettext
from flask_babel import ngettext
from flask_login import current_user, login_required
from sqlalchemy import select

from matchmaker import count_wording
from matchmaker.events import bp, wording
from matchmaker.events.availability import page as availability_page
from matchmaker.events.access import organised
from matchmaker.events.forms import ImportForm, ParticipantForm
from matchmaker.extensions import db
from matchmaker.jobs.status import live, reap_stale
from matchmaker.models.event import EventParticipant
from matchmaker.models.event_meeting import MeetingRequest
from matchmaker.models.job import Job
from matchmaker.request_guards import db_id
from matchmaker.services import (events_export, events_import_report, events_orgs, events_people, events_roster,
                                 organisations)
from matchmaker.services.events import Conflict
from matchmaker.services.events_enrol import add_participant
from matchmaker.services.tables import TableError, read_table


@bp.route("/<int:event_id>/participants", methods=["GET", "POST"])
@login_required
def participants(event_id: int):
    event = organised(event_id)
    form, upload = ParticipantForm(prefix="add"), ImportForm(prefix="import")
    form.organisation.render_kw = {"list": "organisation-options", "autocomplete": "off",
                                   "data-source": url_for("events.organisation_search", event_id=event.id)}
    if request.method == "POST" and "add-name" in request.form and form.validate() and _add_one(event, form):
        return redirect(url_for("events.participants", event_id=event.id))
    if request.method == "POST" and "import-file" in request.files and upload.validate():
        try:
            data = upload.file.data.read()
            table = read_table(data, upload.file.data.filename or "")
            rows = events_people.participant_rows(table)
        except TableError as exc:
            flash(str(exc), "error")
        else:
            if len(rows) > current_app.config["IMPORT_INLINE_ROWS"]:  # a big file: the worker imports it
                job = events_people.import_in_background(event, data, upload.file.data.filename or "", current_user.id,
                                                         upload.mode.data)
                return redirect(url_for("events.participants", event_id=event.id, job=job.id))
            report = events_people.import_rows(event, rows, inviter_id=current_user.id, mode=upload.mode.data)
            if report.errors:  # the report stays on the page, with its refused rows to download
                job = events_import_report.record(event, report, len(rows), upload.file.data.filename or "",
                                                  current_user.id)
                return redirect(url_for("events.participants", event_id=event.id, job=job.id) + "#import-job")
            flash(count_wording.participants_added(report.added), "success" if report.added else "info")
        return redirect(url_for("events.participants", event_id=event.id))
    job = _import_job(event, request.args.get("job", type=db_id))
    query = (request.args.get("q") or "").strip()[:events_roster.MAX_QUERY]
    people, total = events_roster.roster(event, query)
    sent, received = _request_counts(event)
    return render_template("events/participants.html", event=event, people=people, form=form, upload=upload,
                           query=query, total=total,
                           sent=sent, received=received, job=live(job) if job else None,
                           report=job.result if job and job.state == "done" and job.result else None,
                           import_error=wording.import_error)


def _add_one(event, form) -> bool:
    """Add the form's person; a refusal is shown on the form, which keeps what was typed."""
    try:
        added = add_participant(event, form.name.data, form.email.data or "", form.organisation.data or "",
                                inviter_id=current_user.id)
    except Conflict as exc:  # each reason on its field
        for reason in getattr(exc, "reasons", [exc.reason]):
            field = {"invalid_email": form.email, "unknown_organisation": form.organisation,
                     "ambiguous_organisation": form.organisation,
                     "already_registered": form.email if form.email.data else form.name,  # found by that e-mail
                     }.get(reason[0], form.name)
            field.errors = [*field.errors, wording.enrol_refusal(reason)]
        return False
    flash(_("%(name)s added.", name=added.name), "success")
    return True


@bp.get("/<int:event_id>/organisations.json")
@login_required
def organisation_search(event_id: int):
    """Up to 10 directory organisations the typed name may mean (the add form's suggestions)."""
    organised(event_id)
    found = events_orgs.search(request.args.get("q", "")[:200])
    return jsonify([{"id": o.id, "label": organisations.label(o)} for o in found])


def _import_job(event, job_id: int | None):
    """The participant import job the page follows: its starter's (or an admin's), of this event; 404 otherwise."""
    if not job_id:
        return None
    reap_stale()
    job = db.session.get(Job, job_id)
    if job is None or job.kind != "import-event-people" or not (
            job.user_id == current_user.id or current_user.is_admin) or (
            job.result and job.result.get("event_id") not in (None, event.id)):
        abort(404)
    return job


def _request_counts(event) -> tuple[dict, dict]:
    """Requests each participant sent and received (not the meetings the organisers forced: nobody asked)."""
    sent: dict[int, int] = {}
    received: dict[int, int] = {}
    for requester, target in db.session.execute(select(MeetingRequest.requester_id, MeetingRequest.target_id)
                                                .where(MeetingRequest.event_id == event.id,
                                                       MeetingRequest.by_organisers.is_(False))):
        sent[requester] = sent.get(requester, 0) + 1
        received[target] = received.get(target, 0) + 1
    return sent, received


@bp.get("/<int:event_id>/participants/import/<int:job_id>/refused.csv")
@login_required
def refused_rows(event_id: int, job_id: int):
    """The rows an import did not take, in the import's own columns with the reason, to fix and import again."""
    event = organised(event_id)
    job = _import_job(event, job_id)
    if job.state != "done" or not (job.result or {}).get("rows"):
        abort(404)
    not_tried = _("not imported: other rows were refused and the import takes all rows or none")
    headers = [pgettext("import column", "name"), pgettext("import column", "email"),
               pgettext("import column", "organisation"), pgettext("import column", "reason")]
    body = events_import_report.refused_csv(job.result, wording.import_reason, not_tried, headers)
    # named after the event like every export, with the import's number: 'meet-in-italy-2027-03-10-refused-rows-7.csv'
    words = _("refused rows")
    name = events_export.filename(event, "csv", words=f"{words} {job.id}")
    return Response(body, mimetype="text/csv", headers={"Content-Disposition": f'attachment; filename="{name}"'})


def _participant_of(event, participant_id: int) -> EventParticipant:
    participant = db.session.get(EventParticipant, participant_id)
    if participant is None or participant.event_id != event.id:
        abort(404)
    return participant


@bp.get("/<int:event_id>/participants/<int:participant_id>/cancel")
@login_required
def confirm_cancel_participant(event_id: int, participant_id: int):
    """The confirmation step before a participation is cancelled (a plain page: works without JavaScript)."""
    event = organised(event_id)
    participant = _participant_of(event, participant_id)
    return render_template("events/cancel_participant.html", event=event, participant=participant,
                           meetings=events_people.meeting_count(participant), back=_roster_url(event),
                           kept=_roster_args())


@bp.post("/<int:event_id>/participants/<int:participant_id>/cancel")
@login_required
def cancel_participant(event_id: int, participant_id: int):
    event = organised(event_id)
    participant = _participant_of(event, participant_id)
    released = events_people.cancel_participant(participant)
    flash(ngettext("%(name)s cancelled; their meeting is cancelled.",
                   "%(name)s cancelled; %(num)s meetings cancelled.", released, name=participant.name), "info")
    return redirect(_roster_url(event))


@bp.post("/<int:event_id>/participants/<int:participant_id>/reinstate")
@login_required
def reinstate_participant(event_id: int, participant_id: int):
    event = organised(event_id)
    participant = _participant_of(event, participant_id)
    events_people.reinstate(participant)
    flash(_("%(name)s takes part again (their cancelled meetings stay cancelled).", name=participant.name),
          "success")
    return redirect(_roster_url(event))


def _roster_args() -> dict[str, str]:
    """The participants list's search and page the organiser came from (a query string, or the form's fields)."""
    return {key: value for key in ("q", "page") if (value := (request.values.get(key) or "").strip()[:100])}


def _roster_url(event) -> str:
    """The participants page as the organiser left it: the same search and page."""
    return url_for("events.participants", event_id=event.id, **_roster_args())


@bp.route("/<int:event_id>/participants/<int:participant_id>/availability", methods=["GET", "POST"])
@login_required
def participant_availability(event_id: int, participant_id: int):
    """The organisers keep a participant's availability for them (someone without an account who phoned in)."""
    event = organised(event_id)
    participant = db.session.get(EventParticipant, participant_id)
    if participant is None or participant.event_id != event.id or participant.cancelled:
        abort(404)
    here = url_for("events.participant_availability", event_id=event.id, participant_id=participant.id)
    return availability_page(event, participant, here, for_someone=True)
