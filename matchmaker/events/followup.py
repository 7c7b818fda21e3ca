"""After the event: the participant's follow-up page (their own answers about their meetings) and the organisers'
follow-up report with its CSV export. Participants see and change only their own answers (others: 404); the
report is for the event's organisers and admins (its participants 403, everyone else 404)."""
from __future__ import annotations

from flask import Response, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_login import current_user, login_required

from matchmaker.events import bp
from matchmaker.events.access import joined, organised
from matchmaker.services import (events_closing, events_export, events_followup, events_followup_all,
                                 events_followup_credit, events_followup_report)
from matchmaker.services.events import Conflict


@bp.app_template_global("followup_open")
def followup_open(event) -> bool:
    """Whether the event's follow-up is open (an agenda was published and the event is over): pages link to it."""
    return bool(event.published_version) and events_followup.is_over(event) and not events_closing.called_off(event)


@bp.app_template_global("called_off")
def called_off(event) -> bool:
    """Whether the organisers closed the event before it began: pages say so and ask nothing about it."""
    return events_closing.called_off(event)


bp.add_app_template_filter(events_followup_report.rating_text, "rating_text")

REFUSALS = {"not_over": _l("the follow-up opens once the event is over"),
            "no_such_meeting": _l("this meeting is not on your published agenda"),
            "bad_outcome": _l("say whether the meeting took place"),
            "bad_rating": _l("a rating is a number from 1 to 5, for a meeting that took place"),
            "note_too_long": _l("the note is too long"),
            "closed_before": _l("the event was closed before this meeting began: it did not take place")}
NOT_RATED = {"cancelled": _l("a meeting cancelled on the day cannot be rated (choose “no rating”)"),
             "no_show": _l("a meeting your partner did not come to cannot be rated (choose “no rating”)")}


def refusal(reason: tuple[str, dict]) -> str:
    """Why an answer was refused, as the reader sees the form (a rating refused names the outcome chosen)."""
    code, params = reason
    if code == "not_rated":
        return str(NOT_RATED.get(params.get("outcome"), REFUSALS["bad_rating"]))
    return str(REFUSALS.get(code, code))


@bp.get("/<int:event_id>/followup")
@login_required
def followup(event_id: int):
    """The participant's meetings with their own answers (open once the event is over)."""
    event, participant = joined(event_id)
    return _page(event, participant)


def _page(event, participant, typed: dict | None = None, status: int = 200):
    """The follow-up page; `typed` ({meeting id: {"outcome", "rating", "note", "continue", "error"?}}) puts answers
    not stored (refused, with the reason) back in their meetings' cards instead of the stored ones."""
    over = events_followup.is_over(event)
    items = events_followup.meetings(event, participant) if over else []
    for item in items:
        if typed and item["meeting_id"] in typed:  # the stored "continue" stays known: the untick hint speaks of it
            item["saved_continue"] = item.get("continue")
            item.update(typed[item["meeting_id"]])
    lost = [t["error"] for mid, t in (typed or {}).items() if t.get("error") and mid not in {
        i["meeting_id"] for i in items}]
    for error in lost:
        flash(error, "error")
    return render_template("events/followup.html", event=event, participant=participant, over=over, items=items,
                           outcomes=events_followup.OUTCOMES, note_max=events_followup.NOTE_MAX), status


@bp.post("/<int:event_id>/followup/answers")
@login_required
def followup_answers(event_id: int):
    """Save every changed answer of the page's one form; refused ones come back typed, with their reasons."""
    event, participant = joined(event_id)
    ids = [item["meeting_id"] for item in events_followup.meetings(event, participant)] \
        if events_followup.is_over(event) else []
    typed = events_followup_all.typed_answers(request.form, ids)
    saved, refused, connected = events_followup_all.answer_all(event, participant, typed, current_user)
    anchor = request.form.get("at", type=int)
    if refused:
        back = {mid: typed[mid] | {"error": _("Refused: %(reason)s", reason=refusal(reason))}
                for mid, reason in refused.items()}
        if saved:
            flash(ngettext("%(num)s answer saved; the one marked below was not.",
                           "%(num)s answers saved; the ones marked below were not.", len(saved)), "info")
        return _page(event, participant, back, 422)
    if saved:
        flash(_("Thank you: your answer is saved.") if len(saved) == 1 else
              _("Thank you: your %(num)s answers are saved.", num=len(saved)), "success")
    else:
        flash(_("Nothing to save: no answer changed."), "info")
    if connected:
        flash(_("You are connected: both organisations want to continue. Contact details are on their "
                "profile."), "success")
    return redirect(url_for("events.followup", event_id=event.id) + (f"#meeting-{anchor}" if anchor else ""))


@bp.get("/<int:event_id>/followup/answers")
@login_required
def followup_answers_again(event_id: int):
    """The page's one form answers a refusal at its own address: reopened (a reload, the language switch, whose typed
    values the page's script carries), it is the follow-up page, not a 405."""
    event, _participant = joined(event_id)
    return redirect(url_for("events.followup", event_id=event.id))


@bp.post("/<int:event_id>/followup/meetings/<int:meeting_id>")
@login_required
def followup_answer(event_id: int, meeting_id: int):
    """Save the participant's answer about one of their meetings; back to the page at that meeting."""
    event, participant = joined(event_id)
    form = request.form
    already = events_followup_credit.already_connected(event, participant, meeting_id) if form.get("continue") else []
    try:
        connected = events_followup.answer(event, participant, meeting_id, form.get("outcome", ""),
                                           form.get("rating"), form.get("note", ""), bool(form.get("continue")),
                                           current_user)
    except Conflict as exc:
        rating = form.get("rating", "")
        return _page(event, participant, {meeting_id: {
            "outcome": form.get("outcome"), "note": form.get("note", ""),
            "rating": int(rating) if rating.isdigit() else None, "continue": bool(form.get("continue")),
            "error": _("Refused: %(reason)s", reason=refusal(exc.reason))}}, 422)
    flash(_("Thank you: your answer is saved."), "success")
    if connected and already:
        flash(_("You were already connected with %(names)s: contact details are on their profile.",
                names=", ".join(already)), "info")
    elif connected:
        flash(_("You are connected: both organisations want to continue. Contact details are on their "
                "profile."), "success")
    return redirect(url_for("events.followup", event_id=event.id) + f"#meeting-{meeting_id}")


@bp.get("/<int:event_id>/followup/meetings/<int:meeting_id>")
@login_required
def followup_answer_again(event_id: int, meeting_id: int):
    """A refused answer is shown at its form's address: reopened (a reload, the language switch), it is the follow-up
    page at that meeting, not a 405."""
    event, _participant = joined(event_id)
    return redirect(url_for("events.followup", event_id=event.id) + f"#meeting-{meeting_id}")


@bp.get("/<int:event_id>/followup/report")
@login_required
def followup_report(event_id: int):
    """The organisers' report: the meetings' outcomes, ratings, "continue" answers, connections, per participant."""
    event = organised(event_id)
    if events_closing.called_off(event):  # nothing took place: the page says so, no figures and no download
        return render_template("events/followup_report.html", event=event, is_organiser=True, called_off_event=True)
    return render_template("events/followup_report.html", event=event, is_organiser=True,
                           report=events_followup_report.report(event), over=events_followup.is_over(event))


@bp.get("/<int:event_id>/followup/report.csv")
@login_required
def followup_report_csv(event_id: int):
    """The report's per-participant rows as CSV, headers in the reader's language."""
    event = organised(event_id)
    if events_closing.called_off(event):  # no report of an event that did not take place: its page says why
        return redirect(url_for("events.followup_report", event_id=event.id))
    body = events_followup_report.csv_text(events_followup_report.report(event))
    name = events_export.filename(event, "csv", words=_("follow-up"))  # named after the event, as every export
    return Response(body, mimetype="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})
