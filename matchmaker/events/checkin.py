"""The organisers' check-in desk: find a participant by name or organisation, mark them arrived or undo it, see
how many have arrived and the no-shows participants reported. The event's organisers only (participants 403)."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from matchmaker.events import bp
from matchmaker.events.access import organised
from matchmaker.events.wording import checkin_refusal
from matchmaker.extensions import db
from matchmaker.models.event import EventParticipant
from matchmaker.services import events_checkin, events_day, events_desk
from matchmaker.services.events import Conflict


@bp.get("/<int:event_id>/checkin")
@login_required
def checkin(event_id: int):
    """The desk: the participants matching `q` with their arrival, the counts, the no-show reports."""
    event = organised(event_id)
    now = events_day.current_time()
    desk = events_desk.desk(event, now)
    if desk.state in (events_desk.NOT_OPENED, events_desk.CALLED_OFF):  # no desk: the page says why, nothing else
        return render_template("events/checkin.html", event=event, desk=desk, states=events_desk, is_organiser=True)
    query = request.args.get("q", "")[:100]
    rows, total = events_checkin.roster(event, query)
    no_shows = events_checkin.no_shows(event)
    return render_template("events/checkin.html", event=event, query=query, rows=rows, total=total,
                           desk=desk, now=now, states=events_desk,
                           counts=events_checkin.counts(event), no_shows=no_shows,
                           no_show_meetings=events_checkin.no_show_meetings(no_shows), is_organiser=True)


@bp.post("/<int:event_id>/checkin/<int:participant_id>")
@login_required
def check_in(event_id: int, participant_id: int):
    """Mark the participant arrived (or, with `undo`, not arrived); back to the same search."""
    event = organised(event_id)
    participant = db.session.get(EventParticipant, participant_id)
    if participant is None or participant.event_id != event.id:
        abort(404)
    now = events_day.current_time()
    try:
        if request.form.get("undo"):
            if events_checkin.undo_check_in(event, participant, now):
                flash(_("%(name)s is no longer marked as arrived.", name=participant.name), "info")
        else:
            events_checkin.check_in(event, participant, current_user.id, now)  # False: already arrived, same news
            flash(_("%(name)s has arrived.", name=participant.name), "success")
    except Conflict as exc:
        flash(checkin_refusal(exc.reason, event, participant.name), "error")
    query = request.form.get("q", "")[:100]
    return redirect(url_for("events.checkin", event_id=event.id, q=query or None))
