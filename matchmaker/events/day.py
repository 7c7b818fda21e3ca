"""The participant's "My day" page: the meeting under way, the next one, the rest of the day, partners' arrival, and
reporting a partner who did not come. Only the participant sees their own day (others: 404)."""
from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import login_required

from matchmaker.events import bp
from matchmaker.events.access import joined
from matchmaker.services import events_checkin, events_day
from matchmaker.services.events import Conflict
from matchmaker.services.events_agenda import message_line

REFUSALS = {"no_such_meeting": _l("this meeting is not on your published agenda"),
            "not_started": _l("this meeting has not started yet"),
            "event_closed": _l("the organisers closed the event before this meeting began")}


@bp.get("/<int:event_id>/day")
@login_required
def my_day(event_id: int):
    """My day at the event-day clock's "now" (refreshed every minute by static/js/day.js)."""
    event, participant = joined(event_id)
    day = events_day.my_day(event, participant, events_day.current_time())
    return render_template("events/day.html", event=event, participant=participant, day=day, states=events_day,
                           agenda_message=message_line)


@bp.post("/<int:event_id>/day/meetings/<int:meeting_id>/no-show")
@login_required
def no_show(event_id: int, meeting_id: int):
    """Report (or, with `undo`, take back) that the partner of one of the participant's meetings did not come."""
    event, participant = joined(event_id)
    if request.form.get("undo"):
        if events_checkin.withdraw_no_show(participant, meeting_id):
            flash(_("Report withdrawn."), "info")
    else:
        try:
            events_checkin.report_no_show(participant, meeting_id, events_day.current_time())
        except Conflict as exc:
            flash(_("Refused: %(reason)s", reason=REFUSALS.get(exc.reason[0], exc.reason[0])), "error")
            return redirect(url_for("events.my_day", event_id=event.id))
        flash(_("Thank you: the organisers will see that your partner did not come."), "success")
    return redirect(url_for("events.my_day", event_id=event.id) + f"#meeting-{meeting_id}")
