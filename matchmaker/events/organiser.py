"""Organiser pages: the events list, creating, editing and deleting an event, requests, exports (participants:
people.py)."""
from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_required
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from matchmaker.events import bp, times, wording
from matchmaker.events.access import organised
from matchmaker.events.forms import (EventForm, GridForm, SettingsForm, grid_defaults, parse_breaks, parse_tables,
                                     zone_choices)
from matchmaker.extensions import db
from matchmaker.form_base import refused_notice
from matchmaker.request_guards import db_id
from matchmaker.models.event import CLOSED, DRAFT, EventParticipant
from matchmaker.models.event_meeting import REQUEST_STATES, MeetingRequest
from matchmaker.permissions import organiser_required
from matchmaker.services import (events_closing, events_dates, events_export, events_followup_ask, events_people,
                                 events_settings)
from matchmaker.services.events import Conflict
from matchmaker.services.events_access import my_events, open_events
from matchmaker.services.events_import import create_event, short_sessions
from matchmaker.services.events_regrid import change_grid, placed_meetings
from matchmaker.services.events_requests import request_page
from matchmaker.services.events_welcome import welcome_held


@bp.get("/")
@login_required
def index():
    mine = my_events(current_user)
    ids = {row[0].id for row in mine}
    return render_template("events/index.html", mine=mine, open=[e for e in open_events() if e.id not in ids],
                           wording=wording)


def _local_to_utc(moment, zone: str):
    return moment.replace(tzinfo=ZoneInfo(zone)).astimezone(ZoneInfo("UTC")) if moment else None


@bp.route("/new", methods=["GET", "POST"])
@organiser_required
def create():
    form = EventForm()
    if form.first_day.data:  # shown again: the zones named as on the chosen first day
        form.time_zone.choices = zone_choices(form.first_day.data)
    if form.validate_on_submit() and _dates_ok(form, form.first_day.data, form.days.data):
        days, sessions, breaks, tables = _grid_of(form)
        event = create_event(form.name.data, form.time_zone.data, days, sessions, form.slot_minutes.data,
                             breaks, tables, organiser_id=current_user.id, description=form.description.data or "",
                             venue=form.venue.data or "", max_meetings=form.max_meetings.data,
                             request_quota=form.request_quota.data,
                             request_deadline=_local_to_utc(form.request_deadline.data, form.time_zone.data))
        db.session.commit()
        flash(_("Event created with %(slots)s slots and %(tables)s tables.", slots=len(event.slots),
                tables=len(event.tables)), "success")
        for code, ends, asked in short_sessions(event, sessions):
            flash(_("The last slot of the %(session)s session ends at %(ends)s, not %(asked)s: %(minutes)s-minute "
                    "slots do not fill it exactly. Change the times or the slot length below if needed.",
                    session=wording.session(code), ends=ends, asked=asked, minutes=form.slot_minutes.data), "info")
        _warn_past(form.first_day.data, event.time_zone)
        return redirect(url_for("events.manage", event_id=event.id))
    refused_notice(form)  # a long form: its errors are below the fold
    return render_template("events/form.html", form=form, event=None)


def _dates_ok(form, first_day, days: int) -> bool:
    """The create form's request deadline is not after the event's end (else the refusal is on its field)."""
    _days, sessions, _breaks, _tables = _grid_of(form)
    try:
        events_dates.check_deadline(form.request_deadline.data, events_dates.planned_end(first_day, days, sessions))
    except Conflict as exc:
        form.request_deadline.errors = [*form.request_deadline.errors, wording.date_refusal(exc.reason)]
        return False
    return True


def _warn_past(first_day, zone: str) -> None:
    if events_dates.first_day_past(first_day, zone):
        flash(wording.past_first_day(first_day), "info")


def _grid_of(form) -> tuple[list, list, list, list]:
    """Days, sessions, breaks and tables as the grid generator takes them, from the create or grid form."""
    days = [form.first_day.data + timedelta(days=i) for i in range(form.days.data)]
    sessions = [("am", form.am_start.data, form.am_end.data)]
    if form.pm_start.data and form.pm_end.data:
        sessions.append(("pm", form.pm_start.data, form.pm_end.data))
    return days, sessions, parse_breaks(form.breaks.data or "") or [], parse_tables(form.tables.data)


@bp.route("/<int:event_id>/manage", methods=["GET", "POST"])
@login_required
def manage(event_id: int):
    event = organised(event_id)
    grid = GridForm(prefix="grid", data=grid_defaults(event)) if event.grid else None
    grid_posted = request.method == "POST" and "grid-slot_minutes" in request.form
    if grid is not None and grid_posted:
        if not grid.validate_on_submit():
            refused_notice(grid)
        elif _change_grid(event, grid):
            return redirect(url_for("events.manage", event_id=event.id))
        # else refused by a rule (meetings placed): the page keeps what was typed, with the reason at the top
    # The settings as stored when the grid was posted (not read from a request that does not carry them: its
    # deadline was shown in UTC, an hour or two off, and saved so by the next "Save").
    form = SettingsForm(formdata=None, obj=event) if grid_posted else SettingsForm(obj=event)
    if not events_closing.calls_off(event):  # the call-off confirmation is for an event not started yet
        del form.confirm_call_off
    off = events_closing.called_off(event)  # its status reads "Called off", not "Closed", as on every page
    form.status.choices = [(code, wording.event_status(event, off) if code == event.status else wording.status(code))
                           for code in events_settings.allowed_statuses(event)]
    if off:  # it stays closed (events_settings.allowed_statuses): the page says why
        form.status.description = _("The event was called off and its participants were told: it cannot be "
                                    "reopened. Create a new event if it takes place after all.")
    if event.slots:  # the zones named as on the event's first day (CEST for a May event, not today's CET)
        form.time_zone.choices = zone_choices(event.slots[0].starts_at.date())
    if event.published_version:  # shown, not sent: the zone stays (see events_settings.change_time_zone)
        form.time_zone.render_kw = {"disabled": True}
    if (request.method == "GET" or grid_posted) and event.request_deadline:
        form.request_deadline.data = event.request_deadline.astimezone(ZoneInfo(event.time_zone)).replace(tzinfo=None)
    if not grid_posted and form.validate_on_submit() and _save_settings(event, form):
        return redirect(url_for("events.manage", event_id=event.id))
    if not grid_posted:
        refused_notice(form)
    counts = {"participants": db.session.scalar(select(db.func.count()).select_from(EventParticipant).where(
        EventParticipant.event_id == event.id, EventParticipant.cancelled.is_(False))),
        "requests": db.session.scalar(select(db.func.count()).select_from(MeetingRequest).where(
            MeetingRequest.event_id == event.id))}
    return render_template("events/manage.html", event=event, form=form, grid=grid, counts=counts, wording=wording,
                           placed=placed_meetings(event), deletable=events_settings.deletable(event),
                           called_off_event=off)


@bp.post("/<int:event_id>/delete")
@login_required
def delete(event_id: int):
    """Delete a draft event nobody takes part in (confirmed in the manage page's disclosure; no script)."""
    event = organised(event_id)
    name = event.name
    try:
        events_settings.delete_event(event)
    except Conflict as exc:
        flash(_("The event was not deleted: %(reason)s", reason=wording.refusal(exc.reason)), "error")
        return redirect(url_for("events.manage", event_id=event_id))
    flash(_("Event “%(name)s” deleted.", name=name), "info")
    return redirect(url_for("events.index"))


def _save_settings(event, form) -> bool:
    """Save the settings form (the status and time zone through their rules); a refusal is shown on its field."""
    zone = form.time_zone.data or event.time_zone
    moved, was = zone != event.time_zone, event.status
    calling_off = form.status.data == CLOSED and events_closing.calls_off(event)
    if calling_off and not form.confirm_call_off.data:
        form.status.errors = [*form.status.errors, _(
            "The event has not started: closing it now calls it off. Every participant is told, their meetings "
            "are cancelled in their calendars and pending requests expire. Tick “Yes, call the event off” to "
            "confirm.")]
        return False
    try:
        events_dates.check_deadline(form.request_deadline.data, events_dates.event_end(event))
        events_settings.set_status(event, form.status.data)
        events_settings.change_time_zone(event, zone)
    except Conflict as exc:
        db.session.rollback()
        if exc.reason[0] == "deadline_after_event":
            form.request_deadline.errors = [*form.request_deadline.errors, wording.date_refusal(exc.reason)]
            return False
        field = form.status if exc.reason[0] in ("status_not_allowed", "called_off_final") else form.time_zone
        field.errors = [*field.errors, wording.refusal(exc.reason)]
        return False
    for field in ("name", "description", "venue", "max_meetings", "request_quota"):
        setattr(event, field, getattr(form, field).data)
    event.request_deadline = _local_to_utc(form.request_deadline.data, event.time_zone)
    closing = event.status == CLOSED and was != CLOSED
    db.session.commit()
    flash(_("Event saved."), "success")
    if closing and calling_off:
        told = events_closing.call_off(event)
        flash(ngettext("The event is called off: %(num)s participant was told and their meetings are cancelled.",
                       "The event is called off: %(num)s participants were told and their meetings are cancelled.",
                       told), "info")
    elif closing:
        events_followup_ask.queue_ask(event, current_user.id)
    if was == DRAFT and event.status != DRAFT:
        held = welcome_held(event, current_user.id)
        if held:
            flash(ngettext("%(num)s participant added while the event was a draft has now been told.",
                           "%(num)s participants added while the event was a draft have now been told.", held), "info")
    if moved:
        flash(_("Time zone now %(zone)s: the slots keep their clock times, now in that zone.",
                zone=times.zone_label(event)), "info")
    return True


def _change_grid(event, grid) -> bool:
    """Change the grid; False (with the reason flashed) when a rule refuses it."""
    days, sessions, breaks, tables = _grid_of(grid)
    try:
        change = change_grid(event, days, sessions, grid.slot_minutes.data, breaks, tables)
    except Conflict as exc:
        db.session.rollback()
        flash(_("The slots and tables were not changed: %(reason)s", reason=wording.refusal(exc.reason)), "error")
        return False
    flash(_("Grid saved: %(slots)s slots and %(tables)s tables.", slots=change.slots, tables=change.tables),
          "success")
    _warn_past(grid.first_day.data, event.time_zone)
    if change.dropped_marks:
        flash(_("%(count)s unavailability marks on removed slots were dropped.", count=change.dropped_marks), "info")
    return True


@bp.get("/<int:event_id>/requests")
@login_required
def requests(event_id: int):
    event = organised(event_id)
    events_people.expire_pending(event)
    state = request.args.get("state", "")
    listing = request_page(event, state, request.args.get("page", 1, type=int) or 1)
    people = db.session.execute(select(EventParticipant).where(EventParticipant.event_id == event.id,
                                                               EventParticipant.cancelled.is_(False))
                                .options(joinedload(EventParticipant.organisation))  # named in the force form
                                .order_by(EventParticipant.name)).scalars().all()
    chosen = (request.args.get("first", type=db_id), request.args.get("second", type=db_id))  # a refused force's pair
    return render_template("events/requests.html", event=event, listing=listing, state=state, people=people,
                           wording=wording, states=REQUEST_STATES, chosen=chosen)


@bp.post("/<int:event_id>/requests/<int:request_id>/accept")
@login_required
def accept_on_behalf(event_id: int, request_id: int):
    event = organised(event_id)
    meeting_request = db.session.get(MeetingRequest, request_id)
    if meeting_request is None or meeting_request.event_id != event.id:
        abort(404)
    events_people.accept(meeting_request)
    flash(_("Request accepted."), "success")
    return redirect(url_for("events.requests", event_id=event.id))


@bp.post("/<int:event_id>/force")
@login_required
def force(event_id: int):
    event = organised(event_id)
    first = db.session.get(EventParticipant, request.form.get("first", type=db_id) or 0)
    second = db.session.get(EventParticipant, request.form.get("second", type=db_id) or 0)
    if first is None or second is None or {first.event_id, second.event_id} != {event.id} or first.id == second.id:
        flash(_("Choose two different participants."), "error")
    else:
        try:
            _meeting, was_asked = events_people.force(event, first, second)
        except Conflict as exc:
            refusal_flash(exc)
        else:
            if was_asked:  # they had agreed to it: now placed first
                flash(_("The meeting %(first)s and %(second)s asked for is now forced: the scheduler places it first.",
                        first=first.name, second=second.name), "success")
            else:
                flash(_("Forced meeting added."), "success")
            for name, count, limit in events_people.over_maximum(event, [first, second]):
                flash(_("%(name)s now has %(count)s meetings for a maximum of %(max)s: the scheduler will leave some "
                        "out, placing the forced ones first.", name=name, count=count, max=limit), "info")
            return redirect(url_for("events.requests", event_id=event.id))
    # Refused: the form comes back with the two chosen (the same person twice, two colleagues, a pair already forced)
    return redirect(url_for("events.requests", event_id=event.id, first=first.id if first else None,
                            second=second.id if second else None))


@bp.get("/<int:event_id>/export.<fmt>")
@login_required
def export(event_id: int, fmt: str):
    event = organised(event_id)
    if fmt not in ("csv", "xlsx"):
        abort(404)
    published = request.args.get("draft") is None
    data, mimetype = events_export.export(event, fmt, published=published,
                                          emails=events_export.may_see_emails(current_user, event))
    name = events_export.filename(event, fmt, published)
    return Response(data, mimetype=mimetype, headers={"Content-Disposition": f'attachment; filename="{name}"'})


def refusal_flash(exc: Conflict) -> None:
    text = _("Refused: %(reason)s", reason=wording.refusal(exc.reason))
    flash(text if text.endswith((".", "?", "!")) else text + ".", "error")  # a sentence, with its full stop
