"""The organisers' follow-up report of an event: what became of its published meetings (held, no-show, cancelled on
the day, no answer), the ratings, the "continue" answers and the connections between the organisations that gave
them, and one row per participant. Organisers never see the participants' private notes: nothing here reads them."""
from __future__ import annotations

import io
from collections import defaultdict

from flask_babel import format_decimal
from flask_babel import gettext as _
from sqlalchemy import select

from matchmaker.extensions import db
from matchmaker.models.event import Event, EventParticipant, EventSlot
from matchmaker.models.event_day import NoShow
from matchmaker.models.event_followup import CANCELLED, HELD, MeetingFeedback
from matchmaker.models.event_meeting import Meeting, MeetingSeat
from matchmaker.models.organisation import Organisation
from matchmaker.services.events_day import started_before_close
from matchmaker.services.events_followup_credit import made_since, since

NO_SHOW, NO_ANSWER, CLOSED_BEFORE = "no_show", "no_answer", "closed_before"


def _meeting_state(no_show: bool, outcomes: set[str | None]) -> str:
    """One meeting's outcome from both sides' answers: a reported no-show wins, then "cancelled", then "held"."""
    if no_show:
        return NO_SHOW
    if CANCELLED in outcomes:
        return CANCELLED
    return HELD if HELD in outcomes else NO_ANSWER


def report(event: Event) -> dict:
    """{"meetings": placed count, "states": {held, no_show, cancelled, no_answer, closed_before (the event was
    closed before it began: not asked, not "no answer"): count}, "ratings": count,
    "mean_rating": float | None, "continue": answers, "connections": organisation pairs connected now among
    those a "continue" answer named, "rows": per participant with a published meeting, by name}."""
    seats = db.session.execute(
        select(MeetingSeat.meeting_id, MeetingSeat.participant_id, EventSlot.starts_at)
        .join(Meeting, Meeting.id == MeetingSeat.meeting_id).join(EventSlot, EventSlot.id == Meeting.pub_slot_id)
        .where(Meeting.event_id == event.id)).all()
    people_of: dict[int, list[int]] = defaultdict(list)
    closed_before = set()
    for meeting_id, participant_id, starts_at in seats:
        people_of[meeting_id].append(participant_id)
        if not started_before_close(event, starts_at):
            closed_before.add(meeting_id)
    no_shows = db.session.execute(select(NoShow.meeting_id, NoShow.reporter_id).where(
        NoShow.event_id == event.id)).all()
    answers = db.session.execute(select(MeetingFeedback.meeting_id, MeetingFeedback.participant_id,
                                        MeetingFeedback.outcome, MeetingFeedback.rating,
                                        MeetingFeedback.wants_to_continue).where(
        MeetingFeedback.event_id == event.id)).all()  # the note is not selected: it is its author's only
    people = {p.id: (p, org) for p, org in db.session.execute(
        select(EventParticipant, Organisation.name).outerjoin(Organisation, Organisation.id ==
                                                              EventParticipant.organisation_id)
        .where(EventParticipant.event_id == event.id))}
    placed = set(people_of)
    no_show_meetings = {m for m, _r in no_shows if m in placed}
    outcomes: dict[int, set] = defaultdict(set)
    for meeting_id, _p, outcome, _r, _c in answers:
        outcomes[meeting_id].add(outcome)
    states = dict.fromkeys((HELD, NO_SHOW, CANCELLED, NO_ANSWER, CLOSED_BEFORE), 0)
    for meeting_id in placed:
        states[CLOSED_BEFORE if meeting_id in closed_before else
               _meeting_state(meeting_id in no_show_meetings, outcomes[meeting_id])] += 1
    rows = _rows(people, people_of, no_shows, answers, closed_before)
    ratings = [a[3] for a in answers if a[3] is not None and a[0] in placed]
    org_of = {pid: participant.organisation_id for pid, (participant, _org) in people.items()}
    pairs = {tuple(sorted((org_of[p], org_of[o])))
             for m, p, _o, _r, cont in answers if cont and m in placed for o in people_of[m]
             if o != p and org_of[p] is not None and org_of[o] is not None and org_of[p] != org_of[o]}
    moment = since(event)  # a pair already connected before the event is not the follow-up's result
    connected = sum(1 for a, b in pairs if made_since(a, b, moment))
    return {"meetings": len(placed), "states": states, "ratings": len(ratings),
            "mean_rating": round(sum(ratings) / len(ratings), 2) if ratings else None,
            "continue": sum(1 for a in answers if a[4] and a[0] in placed), "connections": connected, "rows": rows}


def _rows(people: dict, people_of: dict, no_shows: list, answers: list, closed_before: set) -> list[dict]:
    """Per participant with a published meeting: meetings (those that had begun when the event was closed),
    closed_before (those that had not: counted apart, as in the totals), answered, held, no-shows reported,
    cancelled, mean rating given, "continue" answers."""
    stats: dict[int, dict] = {}
    for meeting_id, members in people_of.items():
        for pid in members:
            row = stats.setdefault(pid, {"meetings": 0, CLOSED_BEFORE: 0, "answered": set(), HELD: 0, NO_SHOW: 0,
                                         CANCELLED: 0, "ratings": [], "continue": 0})
            row[CLOSED_BEFORE if meeting_id in closed_before else "meetings"] += 1
    asked = set(people_of) - closed_before
    for meeting_id, reporter in no_shows:
        if reporter in stats and meeting_id in asked:
            stats[reporter][NO_SHOW] += 1
            stats[reporter]["answered"].add(meeting_id)
    for meeting_id, pid, outcome, rating, cont in answers:
        if pid not in stats or meeting_id not in asked:
            continue
        row = stats[pid]
        row["answered"].add(meeting_id)
        if outcome in (HELD, CANCELLED):
            row[outcome] += 1
        if rating is not None:
            row["ratings"].append(rating)
        row["continue"] += bool(cont)
    result = []
    for pid, row in stats.items():
        participant, org = people[pid]
        ratings = row.pop("ratings")
        result.append(row | {"name": participant.name, "organisation": org or "", "answered": len(row["answered"]),
                             "cancelled_participation": participant.cancelled,
                             "mean_rating": round(sum(ratings) / len(ratings), 2) if ratings else None})
    return sorted(result, key=lambda r: (r["name"].lower(), r["organisation"].lower()))


def rating_text(value: float | None) -> str:
    """A mean rating with one decimal in the reader's locale ("4.5", "4,5"); "" for none."""
    return "" if value is None else format_decimal(value, format="0.0")


def _cell(value) -> str:
    """A CSV cell a spreadsheet will not run as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def csv_text(data: dict) -> str:
    """The report's rows as CSV (UTF-8 with BOM for spreadsheets), headers, decimal and field separators in the
    current language (Italian: "4,5" in ';'-separated columns)."""
    from matchmaker.services.events_export import spreadsheet_csv

    header = [_("Participant"), _("Organisation"), _("Meetings"), _("Answered"), _("Took place"),
              _("Partner did not come"), _("Cancelled on the day"), _("Mean rating given"),
              _("Wants to continue"), _("Not begun when the event was closed")]
    buffer = io.StringIO()
    writer = spreadsheet_csv(buffer)  # ';' in Italian
    writer.writerow(header)
    for row in data["rows"]:
        writer.writerow([_cell(row["name"]), _cell(row["organisation"]), row["meetings"], row["answered"], row[HELD],
                         row[NO_SHOW], row[CANCELLED], rating_text(row["mean_rating"]),
                         row["continue"], row[CLOSED_BEFORE]])
    return "\ufeff" + buffer.getvalue()
