"""Name badges and QR check-in: the organisers' printable badge sheet, the page a badge's QR code opens on an
organiser's phone ("Check in Anna Rossi (Dompé)?", through the desk's own check-in service), and the participant's
own code on My day and the agenda."""
from __future__ import annotations

from datetime import date

from flask import abort, flash, make_response, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from matchmaker.events import bp, wording
from matchmaker.events.access import event_or_404, organised
from matchmaker.models._common import as_utc
from matchmaker.models.event import CLOSED, DRAFT
from matchmaker.services import events_badges, events_checkin, events_day, events_desk
from matchmaker.services.events import Conflict
from matchmaker.services.events_access import ORGANISER, role
from matchmaker.services.notifications import absolute_url

PER_PAGE = 8  # badges on one A4 sheet: two columns of four
PER_PART = 20 * PER_PAGE  # badges drawn in one request (a QR code costs ~15 ms): a large event prints in parts


def scan_url(participant) -> str:
    """The full address a participant's QR code carries (PUBLIC_URL when set, so a badge printed from any machine
    points at the real site)."""
    path = url_for("events.badge_scan", event_id=participant.event_id, token=events_badges.token_for(participant))
    return absolute_url(path) or path


@bp.app_template_global("checkin_code")
def checkin_code(event, participant) -> dict | None:
    """The participant's own check-in code for My day and the agenda: {"svg", "arrived_at"}; None while the event is
    a draft, once it is closed or over (nothing to check in to)."""
    if event.status in (CLOSED, DRAFT) or participant.cancelled:
        return None
    if event.slots and as_utc(max(slot.ends_at for slot in event.slots)) <= events_day.current_time():
        return None
    return {"svg": events_badges.qr_svg(scan_url(participant), _("Check-in code of %(name)s", name=participant.name)),
            "arrived_at": events_badges.arrived_at(participant)}


def _since() -> date | None:
    try:
        return date.fromisoformat(request.args.get("since", ""))
    except ValueError:
        return None


@bp.get("/<int:event_id>/badges")
@login_required
def badges(event_id: int):
    """The badge sheet: every current participant (or the search, one participant, those added since a day), by
    organisation or by name, eight to an A4 page."""
    event = organised(event_id)
    withheld = events_desk.withheld(event)
    if withheld is not None:  # a draft or called-off event: nobody to badge (the page says why, with no sheet)
        return render_template("events/badges.html", event=event, withheld=withheld, states=events_desk,
                               is_organiser=True)
    query = request.args.get("q", "")[:events_badges.MAX_QUERY]
    sort = request.args.get("sort") if request.args.get("sort") in events_badges.SORTS else "organisation"
    one = request.args.get("participant", type=int)
    since = _since()
    rows = events_badges.badges(event, query, sort, one, events_badges.since_moment(event, since))
    parts = max(1, -(-len(rows) // PER_PART))
    part = min(max(request.args.get("part", 1, type=int), 1), parts)
    first = (part - 1) * PER_PART
    cards = [{"badge": b, "svg": events_badges.qr_svg(scan_url(b.participant))}
             for b in rows[first:first + PER_PART]]
    pages = [cards[i:i + PER_PAGE] for i in range(0, len(cards), PER_PAGE)]
    return render_template("events/badges.html", event=event, pages=pages, shown=len(rows), query=query, sort=sort,
                           one=one, since=since, total=events_badges.current_count(event), part=part, parts=parts,
                           first=first, drawn=len(cards), is_organiser=True)


def _scanned(event_id: int, token: str):
    """The event and the participant behind a badge's token, for the event's organisers only: anyone else (its
    participants included) gets 404, learning nothing; an organiser scanning a tampered token or one of another event
    gets a 404 page that says so and leads back to the desk (not the bare "page not found")."""
    event = event_or_404(event_id)
    if role(current_user, event) != ORGANISER:
        abort(404)
    participant = events_badges.participant_for(event, token)
    if participant is None:
        abort(make_response(render_template("events/badge_unknown.html", event=event, is_organiser=True), 404))
    return event, participant


@bp.get("/<int:event_id>/badges/<token>")
@login_required
def badge_scan(event_id: int, token: str):
    """What a badge's QR code opens: "Check in <name> (<organisation>)?" with one button, or why not."""
    event, participant = _scanned(event_id, token)
    try:  # outside the desk's hours the page says why, with no button (the service would refuse the tap)
        events_desk.require_open(event)
        desk_shut = None
    except Conflict as exc:
        desk_shut = wording.checkin_refusal(exc.reason, event, participant.name)
    return render_template("events/badge_scan.html", event=event, participant=participant, token=token,
                           arrived_at=events_badges.arrived_at(participant), desk_shut=desk_shut,
                           is_organiser=True)


@bp.post("/<int:event_id>/badges/<token>")
@login_required
def badge_check_in(event_id: int, token: str):
    """Check the badge's participant in through the desk's service (its rules: a cancelled participant is refused,
    a second check-in changes nothing); back to the same page, which says what happened."""
    event, participant = _scanned(event_id, token)
    try:
        done = events_checkin.check_in(event, participant, current_user.id)
    except Conflict as exc:
        flash(_("Not checked in: %(reason)s", reason=refusal(exc.reason, event, participant.name)), "error")
    else:
        if done:
            flash(_("%(name)s has arrived.", name=participant.name), "success")
        else:
            flash(_("%(name)s had already arrived.", name=participant.name), "info")
    return redirect(url_for("events.badge_scan", event_id=event.id, token=token))


def refusal(reason: tuple[str, dict], event, name: str) -> str:
    """The check-in service's refusal in words: "not_participating" named from the desk's side, the desk's hours
    (`checkin_not_open`, `checkin_over`, `checkin_closed`) as the desk page words them, any other code as the
    events' wording has it."""
    code, params = reason
    if code == "not_participating":
        return _("%(name)s no longer takes part in this event", name=name)
    if code.startswith("checkin_"):
        return wording.checkin_refusal(reason, event, name)
    if code in wording.REFUSALS or code in wording.NAMED_REFUSALS:
        return wording.refusal(reason)
    return _("the check-in service refused it (%(code)s)", code=code)
