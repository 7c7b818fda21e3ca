"""Participant pages: the event, registering, availability, suggested meetings, requests, agenda, iCal feed."""
from __future__ import annotations

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_required
from sqlalchemy import or_, select

from matchmaker.events import bp, public_wording, wording
from matchmaker.events.access import event_or_404, joined, joined_or_none
from matchmaker.events.availability import page as availability_page
from matchmaker.events.organiser import refusal_flash
from matchmaker.extensions import db, limiter, login_manager
from matchmaker.matches import wording as match_wording
from matchmaker.models.event import CLOSED, DRAFT, REGISTRATION, REQUESTS, Event, EventParticipant
from matchmaker.models.event_meeting import DECLINE_REASONS, MeetingRequest
from matchmaker.services import events_answers, events_people, events_public, events_welcome, review
from matchmaker.services.events import Conflict
from matchmaker.services.events_changes import last_told
from matchmaker.services.events_access import ORGANISER, role
from matchmaker.services.events_agenda import agenda as agenda_items
from matchmaker.services.events_agenda import ical, ics_filename, message_line
from matchmaker.services.events_placement import REMOVED, UNPLACED, participant_names, placements
from matchmaker.services.events_suggest import WITH_ORGANISATION, suggested


@bp.get("/<int:event_id>/")
def show(event_id: int):
    if not current_user.is_authenticated:
        return _public_page(event_id)
    event = event_or_404(event_id)
    if events_people.participant_of(event, current_user) is None:  # added by the organisers under their e-mail
        events_welcome.claim(event, current_user)
    who = role(current_user, event)
    if who is None and event.status == DRAFT:
        abort(404)
    participant = events_people.participant_of(event, current_user)
    registration_open = event.status in (REGISTRATION, REQUESTS)
    return render_template("events/show.html", event=event, who=who, participant=participant,
                           registration_open=registration_open, closed=event.status == CLOSED,
                           meetings=events_people.meeting_count(participant) if participant else 0,
                           can_register=registration_open and current_user.organisation_id,
                           wording=wording, is_organiser=who == ORGANISER)


def _public_page(event_id: int):
    """A logged-out visitor: the event's public page (never a draft's: the login page, as for an unknown event)."""
    event = db.session.get(Event, event_id)
    if event is None or not events_public.is_public(event):
        return login_manager.unauthorized()
    here, page = url_for("events.show", event_id=event.id), events_public.public_page(event)
    return render_template("events/public.html", event=event, here=here, page=page,
                           registration_open=event.status in (REGISTRATION, REQUESTS),
                           status=public_wording.status(event, page))


@bp.post("/<int:event_id>/register")
@login_required
def register(event_id: int):
    event = event_or_404(event_id)
    if event.status not in (REGISTRATION, REQUESTS) or not current_user.organisation_id:
        abort(404 if event.status == DRAFT else 403)
    try:
        events_people.register(event, current_user)
    except Conflict as exc:
        refusal_flash(exc)
    else:
        flash(_("You are registered for %(event)s.", event=event.name), "success")
    return redirect(url_for("events.show", event_id=event.id))


@bp.post("/<int:event_id>/leave")
@login_required
def leave(event_id: int):
    """The participant cancels their own participation (confirmed in the event page's disclosure; others: 404)."""
    event, participant = joined(event_id)
    if event.status == CLOSED:
        abort(403)
    released = events_people.cancel_participant(participant, by_organisers=False)
    flash(ngettext("You no longer take part in %(event)s; your meeting is cancelled and your partner told.",
                   "You no longer take part in %(event)s; %(num)s meetings are cancelled and your partners told.",
                   released, event=event.name) if released else
          _("You no longer take part in %(event)s.", event=event.name), "info")
    return redirect(url_for("events.show", event_id=event.id))


@bp.route("/<int:event_id>/availability", methods=["GET", "POST"])
@login_required
def availability(event_id: int):
    event, participant = joined(event_id)
    return availability_page(event, participant, url_for("events.availability", event_id=event.id))


@bp.get("/<int:event_id>/suggestions")
@login_required
def suggestions(event_id: int):
    event, participant = joined_or_none(event_id)
    if participant is None:  # a page that says so, not a bare 404: they may well mean to take part
        return _not_registered(event)
    requested = set(db.session.execute(select(MeetingRequest.target_id).where(
        MeetingRequest.requester_id == participant.id)).scalars())
    theirs = {r.requester_id: r for r in db.session.execute(select(MeetingRequest).where(
        MeetingRequest.target_id == participant.id)).scalars()}  # who asked me: their request is accepted, not doubled
    rows = suggested(participant)
    shown = {other.id for other, _s, _r in rows}  # a suggested partner is not listed again under everyone
    others = [p for p in db.session.execute(select(EventParticipant).options(*WITH_ORGANISATION).where(
        EventParticipant.event_id == event.id, EventParticipant.cancelled.is_(False),
        EventParticipant.id != participant.id, *_other_organisations(participant))
        .order_by(EventParticipant.name).limit(1000)).scalars() if p.id not in shown]
    # partners already connected through the suggestions: said so
    connected = review.partner_ids(participant.organisation_id) if participant.organisation_id else set()
    return render_template("events/suggestions.html", event=event, participant=participant, rows=rows,
                           connected=connected, requested=requested, theirs=theirs,
                           asked={k: r.state for k, r in theirs.items()},
                           cancelled=events_people.cancelled_partners(participant), match_wording=match_wording,
                           sent=events_people.sent_count(participant), others=others,
                           closed=events_people.requests_closed(event, participant))


def _not_registered(event: Event):
    """403 with the reason and the way in: the registration button while registration is open to them, else why
    not; the event's organisers are pointed to their own pages."""
    participant = events_people.participant_of(event, current_user)  # cancelled, if any
    who = role(current_user, event)
    registration_open = event.status in (REGISTRATION, REQUESTS)
    return render_template("events/not_registered.html", event=event, participant=participant,
                           is_organiser=who == ORGANISER, registration_open=registration_open,
                           can_register=registration_open and bool(current_user.organisation_id)
                           and participant is None and who != ORGANISER), 403


def _other_organisations(participant: EventParticipant) -> tuple:
    """The filter that leaves the participant's colleagues out of the people they may ask for a meeting."""
    if participant.organisation_id is None:
        return ()
    return (or_(EventParticipant.organisation_id.is_(None),
                EventParticipant.organisation_id != participant.organisation_id),)


@bp.post("/<int:event_id>/request/<int:target_id>")
@login_required
def request_meeting(event_id: int, target_id: int):
    event, participant = joined(event_id)
    target = db.session.get(EventParticipant, target_id)
    if target is None or target.event_id != event.id:
        abort(404)
    try:
        sent = events_people.request_meeting(event, participant, target, request.form.get("message", ""))
    except Conflict as exc:
        refusal_flash(exc)
    else:
        if sent.requester_id == participant.id:
            flash(_("Request sent to %(name)s.", name=target.name), "success")
        else:
            events_answers.mark_received_read(event, sent)
            flash(_("%(name)s had already asked you for a meeting: their request is now accepted as a mutual "
                    "meeting (see your requests).", name=target.name), "success")
            if request.form.get("message", "").strip():
                flash(_("Your message was not sent: their request already makes the meeting."), "info")
    return redirect(request.form.get("next") if (request.form.get("next") or "").startswith("/events/")
                    else url_for("events.my_requests", event_id=event.id))


@bp.get("/<int:event_id>/my-requests")
@login_required
def my_requests(event_id: int):
    event, participant = joined(event_id)
    events_people.expire_pending(event)
    return render_template("events/my_requests.html", event=event, participant=participant,
                           rows=events_people.requests_of(participant), reasons=DECLINE_REASONS, wording=wording,
                           placed=_worded_placements(event, participant))


def _worded_placements(event: Event, participant: EventParticipant) -> dict[int, dict]:
    """Each accepted request's meeting state, with the scheduler's reason worded for the reader."""
    found = placements(event, participant)
    if any(p["state"] == UNPLACED for p in found.values()):
        names = participant_names(event)
        for p in found.values():
            p["why"] = wording.unplaced_named(p["reason"], names)
    return found


@bp.post("/<int:event_id>/requests/<int:request_id>/answer")
@login_required
def answer(event_id: int, request_id: int):
    event, participant = joined(event_id)
    meeting_request = db.session.get(MeetingRequest, request_id)
    if meeting_request is None or meeting_request.target_id != participant.id:
        abort(404)
    try:
        if request.form.get("answer") == "accept":
            events_answers.accept_received(event, meeting_request)
            flash(_("You accepted %(name)s’s request.", name=meeting_request.requester.name), "success")
        else:
            events_answers.decline_received(event, meeting_request, request.form.get("reason", ""))
            flash(_("Request declined."), "info")
    except Conflict as exc:
        refusal_flash(exc)
    back = request.form.get("next") or ""
    return redirect(back if back.startswith(f"/events/{event.id}/")
                    else url_for("events.my_requests", event_id=event.id))


@bp.post("/<int:event_id>/requests/<int:request_id>/withdraw")
@login_required
def withdraw(event_id: int, request_id: int):
    """The sender withdraws their pending request (someone else's: 404)."""
    event, participant = joined(event_id)
    meeting_request = db.session.get(MeetingRequest, request_id)
    if meeting_request is None or meeting_request.event_id != event.id or \
            meeting_request.requester_id != participant.id:
        abort(404)
    try:
        events_answers.withdraw_sent(event, meeting_request, participant)
    except Conflict as exc:
        refusal_flash(exc)
    else:
        flash(_("Request to %(name)s withdrawn.", name=meeting_request.target.name), "info")
    return redirect(url_for("events.my_requests", event_id=event.id))


@bp.get("/<int:event_id>/agenda")
@login_required
def agenda(event_id: int):
    event, participant = joined(event_id)
    placed = _worded_placements(event, participant)
    requests = [r for r in events_people.requests_of(participant) if r.id in placed]
    unplaced = [(r, placed[r.id]["why"]) for r in requests if placed[r.id]["state"] == UNPLACED]
    removed = [r for r in requests if placed[r.id]["state"] == REMOVED]
    return render_template("events/agenda.html", event=event, participant=participant,
                           items=agenda_items(event, participant), unplaced=unplaced, removed=removed,
                           feed=(feed := url_for("events.calendar", token=participant.ical_token, _external=True)),
                           webcal="webcal://" + feed.split("://", 1)[1], agenda_message=message_line,
                           ics_name=ics_filename(event), changed=last_told(current_user.id, event),
                           closed=event.status == CLOSED)


@bp.get("/calendar/<token>.ics")
@limiter.limit("120/minute")
def calendar(token: str):
    """The participant's iCal feed; the secret token in the address is the only key."""
    participant = db.session.execute(select(EventParticipant).where(EventParticipant.ical_token == token)).scalar()
    if participant is None:
        abort(404)
    event = db.session.get(Event, participant.event_id)
    headers = {"Cache-Control": "private, max-age=60"}
    if request.args.get("download"):  # the agenda's Download button: a file named after the event
        headers["Content-Disposition"] = f'attachment; filename="{ics_filename(event)}"'
    return Response(ical(event, participant), mimetype="text/calendar", headers=headers)
