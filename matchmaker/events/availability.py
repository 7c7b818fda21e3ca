"""The availability page, for a participant's own (`/events/<id>/availability`) and for an organiser keeping it for
someone (`/events/<id>/participants/<pid>/availability`: imported people without an account who phone or write in)."""
from __future__ import annotations

from itertools import groupby

from flask import flash, redirect, render_template, request
from flask_babel import gettext as _
from sqlalchemy import select

from matchmaker.events import times, wording
from matchmaker.events.organiser import refusal_flash
from matchmaker.extensions import db
from matchmaker.models.event import Event, EventParticipant, Unavailability
from matchmaker.services import events_followup, events_people
from matchmaker.services.events import Conflict
from matchmaker.services.events_clashes import published_clashes


def page(event: Event, participant: EventParticipant, here: str, for_someone: bool = False):
    """GET: the slots by day and session, the unavailable ones ticked; POST: save them (refused once the event is
    over), then back to `here` saying so, with each published meeting the new marks clash with."""
    if request.method == "POST":
        try:
            events_people.set_unavailable(participant, {int(v) for v in request.form.getlist("unavailable")
                                                        if v.isdigit()})
        except Conflict as exc:
            refusal_flash(exc)
            return redirect(here)
        flash(_("Availability of %(name)s saved.", name=participant.name) if for_someone
              else _("Availability saved."), "success")
        for clash in published_clashes(event, participant):  # the published agenda stands until it is repaired
            flash(wording.availability_clash(clash, event, participant.name if for_someone else None), "error")
        return redirect(here)
    marked = set(db.session.execute(select(Unavailability.slot_id).where(
        Unavailability.participant_id == participant.id)).scalars())
    return render_template("events/availability.html", event=event, marked=marked, days=slot_groups(event),
                           over=events_followup.is_over(event), someone=participant if for_someone else None)


def slot_groups(event: Event) -> list[tuple[str, list[tuple[str, list]]]]:
    """The event's slots by day (its date in the event's zone and the reader's language), then by session."""
    spans = len(times.abbreviations(event)) > 1  # a summer-time switch: each day names its own abbreviation

    def day(slot) -> str:
        date = times.localtime(slot.starts_at, event.time_zone, "date")
        return f"{date} ({times.localtime(slot.starts_at, event.time_zone, '%Z')})" if spans else date

    return [(label, [(wording.session(code), list(slots)) for code, slots in groupby(in_day, lambda s: s.session)])
            for label, in_day in ((label, list(group)) for label, group in groupby(event.slots, day))]
