"""Events' codes worded in the reader's language: refused changes, request errors, import errors, statuses."""
from __future__ import annotations

from flask_babel import gettext, lazy_gettext as _l
from flask_babel import lazy_pgettext

from matchmaker import scheduling_wording
from matchmaker.events.times import localrange, zone_name
from matchmaker.models.event import STATUS_LABELS
from matchmaker.models.event_meeting import DECLINE_REASONS, REQUEST_STATES
from matchmaker.taxonomy import N_

REFUSALS = {
    "no_such_slot": _l("that slot does not exist"),
    "no_such_table": _l("that table does not exist or is not available in that slot"),
    "fixed_elsewhere": _l("this meeting is fixed to another slot"),
    "outside_session": _l("this meeting is restricted to another session"),
    "participant_unavailable": _l("a participant is unavailable in that slot"),
    "table_taken": _l("that table is already taken in that slot"),
    "participant_busy": _l("a participant already has another meeting in that slot"),
    "participant_at_max": _l("a participant would exceed their maximum number of meetings"),
    "precedence": _l("it must come before or after another meeting of the same participant"),
    "rule_broken": _l("the agenda would break one of the event's rules"),
    "changed_meanwhile": _l("someone else changed the agenda meanwhile; reload the page and try again"),
    "meeting_locked": _l("this meeting is locked; unlock it first"),
    "not_placed": _l("this meeting is not placed"),
    "no_change": _l("that changes nothing: the meeting is already where you asked (or already out of the agenda)"),
    "no_such_meeting": _l("no such meeting in this event"),
    "invalid_partner": _l("you cannot request a meeting with this participant"),
    "same_organisation": _l("this participant is from your own organisation: meetings here are with other "
                            "organisations"),
    "deadline_passed": _l("the request deadline has passed"),
    "quota_reached": _l("you have reached the event's request quota"),
    "already_requested": _l("you have already sent this request"),
    "invalid_reason": _l("choose a reason"),
    "not_pending": _l("this request has already been answered"),
    "requests_closed": _l("requests are not open for this event"),
    "cancelled_by_organiser": _l("the organisers cancelled your participation; only they can reinstate it, so "
                                 "please contact them"),
    "status_not_allowed": _l("that status cannot be chosen now: an event is published from the Schedule page, and "
                             "a published event can only be closed or reopened"),
    "zone_after_publication": _l("the time zone cannot change once the agenda is published: every meeting would "
                                 "move"),
    "event_not_deletable": _l("only a draft event that nobody has joined can be deleted; close it instead"),
    "not_participating": _l("you no longer take part in this event"),
    "colleagues": _l("these two participants are from the same organisation: meetings here are between different "
                     "organisations"),
    "event_closed": _l("the event is closed: its requests can no longer be answered or withdrawn"),
    "event_over": _l("the event is over: availability can no longer change"),
    "slot_over": _l("that slot has begun: a meeting can only be moved or placed in a slot still to come"),
    "availability_called_off": _l("the event was called off: availability can no longer change"),
    "called_off_final": _l("the event was called off and its participants were told: it cannot be reopened. "
                           "Create a new event if it takes place after all"),
    "called_off_no_agenda": _l("the event was called off: its agenda can no longer be scheduled or published"),
    "closed_no_agenda": _l("the event is closed: its agenda can no longer be scheduled or published"),
    "publish_draft_event": _l("the event is still a draft: open its registration first (Settings, status "
                              "“Registration open”); its agenda is published after registration and requests"),
    "grid_has_meetings": _l("meetings are already placed in the draft or the published agenda; unplace them first "
                            "(table names and links can still change)"),
}
PRIORITY_TIERS = {"forced": _l("forced by the organisers"), "mutual": _l("mutual requests"),
                  "one_sided": _l("requests from one side only")}  # asked by one, accepted: not "unanswered"
SOLVER_STATUSES = {"OPTIMAL": _l("optimal (proved best)"),
                   "FEASIBLE": _l("good, not proved optimal (the time limit was reached)"),
                   "GREEDY": _l("quick construction, not improved")}
IMPORT_ERRORS = {"missing_name": _l("no name and no e-mail address: write at least the person’s name"),
                 "already_registered": _l("already a participant (the same person or e-mail)"),
                 "unknown_organisation": _l("unknown organisation"),
                 "invalid_email": _l("not a valid e-mail address")}


def import_error(entry) -> str:
    """One refused import row as a sentence: its line, and the value given with the closest names for an
    organisation not found (entries stored before the parameters have only a line and a code)."""
    line, code, params = (list(entry) + [{}])[:3]
    return gettext("Row %(line)s: %(error)s", line=line, error=import_reason(code, params or {}))


def import_reason(code: str, params: dict) -> str:
    """Why an import row was refused, without its line (the refused rows' CSV has a column for it)."""
    if code in ("unknown_organisation", "ambiguous_organisation"):
        return _organisation_refusal(code, params)
    if code == "missing_name" and params.get("email"):
        return gettext("no name: %(email)s has no account to take it from, so write the person’s name",
                       email=params["email"])
    return str(IMPORT_ERRORS.get(code, code))


def _organisation_refusal(code: str, params: dict) -> str:
    names = "; ".join(params.get("suggestions") or [])
    if code == "ambiguous_organisation":
        return gettext("“%(name)s” could be several organisations: %(names)s. Write the name in full.",
                       name=params.get("name", ""), names=names)
    if names:
        return gettext("no organisation called “%(name)s” in the directory. Did you mean: %(names)s?",
                       name=params.get("name", ""), names=names)
    return gettext("no organisation called “%(name)s” in the directory.", name=params.get("name", ""))


def enrol_refusal(reason: tuple[str, dict]) -> str:
    """Why the organiser's "Add a participant" form was refused, about the one person typed."""
    code, params = reason
    if code == "already_registered":
        return gettext("%(name)s is already a participant.", name=params.get("name", ""))
    if code == "ambiguous_organisation":
        return _organisation_refusal(code, params)
    if code == "unknown_organisation":
        names = "; ".join(params.get("suggestions") or [])
        if names:
            return gettext("No organisation called “%(name)s” in the directory. Did you mean: %(names)s?",
                           name=params.get("name", ""), names=names)
        return gettext("No organisation called “%(name)s” in the directory: check the name (as on its profile) "
                       "or leave it empty.", name=params.get("name", ""))
    if code == "invalid_email":
        return gettext("“%(value)s” is not a valid e-mail address.", value=params.get("value", ""))
    return str(IMPORT_ERRORS.get(code, code))


NAMED_REFUSALS = {  # the same refusals naming who or which meeting, when the reason carries it
    "participant_busy": (N_("%(name)s already has another meeting in that slot (meeting %(number)s)"),
                         ("name", "number")),
    "participant_unavailable": (N_("%(name)s is unavailable in that slot"), ("name",)),
    "participant_at_max": (N_("%(name)s would exceed their maximum of %(max)s meetings"), ("name", "max")),
    "table_taken": (N_("that table is already taken in that slot (meeting %(number)s)"), ("number",)),
    "same_organisation": (N_("%(name)s is from your own organisation: meetings here are with other organisations"),
                          ("name",)),
    "colleagues": (N_("%(first)s and %(second)s are colleagues at %(organisation)s: meetings here are between "
                      "different organisations"), ("first", "second", "organisation")),
    "already_forced": (N_("%(first)s and %(second)s already have a forced meeting: nothing changed"),
                       ("first", "second")),
}


def refusal(reason: tuple[str, dict]) -> str:
    """One sentence for a refused change or request (naming the participant or meeting when the reason does)."""
    code, params = reason
    named = NAMED_REFUSALS.get(code)
    if named is not None and all(key in params for key in named[1]):
        return gettext(named[0], **{key: params[key] for key in named[1]})
    return str(REFUSALS.get(code, code))


def unplaced(reason: list | tuple | None) -> str:
    """Why the scheduler left a meeting out, in the reader's language."""
    try:
        return scheduling_wording.describe((reason[0], reason[1])) if reason else ""
    except (KeyError, TypeError):
        return str(reason[0])


def unplaced_named(reason: list | tuple | None, names: list[str]) -> str:
    """Why the scheduler left a meeting out, with its participant numbers replaced by names."""
    if not reason:
        return ""
    code, params = reason[0], dict(reason[1])
    if isinstance(params.get("participant"), int) and 0 <= params["participant"] < len(names):
        params["participant"] = names[params["participant"]]
    return unplaced((code, params))


SESSIONS = {"am": _l("morning"), "pm": _l("afternoon")}


def session(code: str) -> str:
    """A session of the day ('am', 'pm') in the reader's language."""
    return str(SESSIONS.get(code, code))


def tier(code: str) -> str:
    """A priority tier of the quality report (forced, mutual, one-sided) in the reader's language."""
    return str(PRIORITY_TIERS.get(code, code))


def solver_status(code: str | None) -> str:
    """The solver's status of the last run (OPTIMAL, FEASIBLE, GREEDY) in the reader's language."""
    return str(SOLVER_STATUSES.get(code or "", code or ""))


def status(code: str) -> str:
    return gettext(STATUS_LABELS.get(code, code))


CALLED_OFF = lazy_pgettext("event status", "Called off")


def event_status(event, is_called_off: bool | None = None) -> str:
    """The event's status as lists show it: "Called off" for an event closed before it began, not "Closed"
    (`is_called_off`: that answer when the caller has it already)."""
    from matchmaker.services.events_closing import called_off

    if event.status == "closed" and (called_off(event) if is_called_off is None else is_called_off):
        return str(CALLED_OFF)
    return status(event.status)


# A single meeting request's state, in its own context: "declined" elsewhere is a plural share ("rifiutati").
REQUEST_STATE_LABELS = {"pending": lazy_pgettext("meeting request", "pending"),
                        "accepted": lazy_pgettext("meeting request", "accepted"),
                        "declined": lazy_pgettext("meeting request", "declined"),
                        "expired": lazy_pgettext("meeting request", "expired"),
                        "withdrawn": lazy_pgettext("meeting request", "withdrawn")}


def request_state(code: str) -> str:
    """One meeting request's state ("declined": "rifiutata" in Italian)."""
    label = REQUEST_STATE_LABELS.get(code)
    return str(label) if label is not None else gettext(REQUEST_STATES.get(code, code))


def decline_reason(code: str) -> str:
    return gettext(DECLINE_REASONS[code]) if code in DECLINE_REASONS else ""


def _table_label(name: str) -> str:
    from matchmaker.services.events_agenda import table_label

    return table_label(name)


def availability_clash(clash, event, name: str | None = None) -> str:
    """Why a slot just marked unavailable clashes with the participant's published agenda: to the participant by its
    partners (agendas show no numbers), or with their `name` and its number to the organiser who marked it."""
    table = clash.meeting.pub_table
    params = dict(when=localrange(clash.slot.starts_at, clash.slot.ends_at, event.time_zone),
                  number=clash.meeting.number, partners=", ".join(clash.partners) or "–",
                  table=_table_label(table.name) if table is not None else "–")
    if name is not None:
        return gettext("%(name)s is now unavailable at %(when)s, but their published meeting %(number)s with "
                       "%(partners)s (%(table)s) is then: move it from the Schedule page.", name=name, **params)
    return gettext("You marked %(when)s unavailable, but your published meeting with %(partners)s (%(table)s) is "
                   "then: it stays on your agenda until the organisers move it; tell them if you cannot attend.",
                   **params)


def agenda_change_details(params: dict) -> tuple[list[str], str]:
    """The meetings an agenda-change notification names, a sentence each: 'Meeting with Anna Rossi (Dompé): now Wed
    ..., table T2.' (no meeting number: participants' agendas show none); and the event's zone those times are in
    ('Times: London time (GMT).', at the first named meeting), or ''."""
    from datetime import datetime

    zone, sentences, first = params.get("zone") or "Europe/Rome", [], None
    for item in params.get("meetings", []):
        with_whom = dict(partners=item.get("partners") or "–")
        if item.get("kind") == "cancelled" or not item.get("start"):
            sentences.append(gettext("Meeting with %(partners)s: removed from your agenda.", **with_whom))
            continue
        when = localrange(datetime.fromisoformat(item["start"]), datetime.fromisoformat(item["end"]), zone)
        table = _table_label(item.get("table") or "")
        template = N_("Meeting with %(partners)s: now %(when)s, %(table)s.") \
            if item.get("kind") == "moved" else N_("Meeting with %(partners)s: %(when)s, %(table)s.")
        sentences.append(gettext(template, when=when, table=table, **with_whom))
        first = first or datetime.fromisoformat(item["start"])
    # its event's zone, whatever zone the page or the reader's other times are in
    return sentences, gettext("Times: %(zone)s.", zone=zone_name(zone, first)) if first is not None else ""


def date_refusal(reason: tuple[str, dict]) -> str:
    """Why a request deadline was refused: it falls after the event's end (named in the reader's language)."""
    from matchmaker.i18n import moment_text

    return gettext("The request deadline must be before the event ends (%(end)s): requests after it could not be "
                   "scheduled.", end=moment_text(reason[1]["end"]))


def past_first_day(first_day) -> str:
    """The warning for an event whose first day is already past (saved all the same)."""
    from flask_babel import format_date

    return gettext("The first day, %(day)s, is already past: check the date (saved as it is).",
                   day=format_date(first_day, "full"))


def checkin_refusal(reason: tuple[str, dict], event, name: str) -> str:
    """Why the desk refused to check someone in or out: a draft or called-off event (no desk at all), not open yet
    (saying when it opens), over, closed, or the person no longer takes part."""
    from datetime import datetime

    from matchmaker.events.times import localtime

    code, params = reason
    if code == "not_participating":
        return gettext("Refused: %(name)s no longer takes part in this event.", name=name)
    if code == "checkin_not_opened":
        return gettext("No check-in: the event is still a draft and its registration has not opened.")
    if code == "checkin_called_off":
        return gettext("No check-in: the event was called off.")
    if code == "checkin_not_open" and params.get("opens"):
        return gettext("Check-in is not open yet: it opens %(when)s, %(zone)s.", zone=zone_name(
            event.time_zone, datetime.fromisoformat(params["opens"])),
            when=localtime(datetime.fromisoformat(params["opens"]), event.time_zone))
    if code == "checkin_not_open":
        return gettext("Check-in is not open yet: the event has no slots.")
    if code == "checkin_over":
        return gettext("Check-in is over: the event ended %(when)s; the list of arrivals can no longer change.",
                       when=localtime(datetime.fromisoformat(params["end"]), event.time_zone))
    if code == "checkin_closed":
        return gettext("Check-in is over: the organisers closed the event; the list of arrivals can no longer "
                       "change.")
    return refusal(reason)
