"""The follow-up page's one form: every meeting card's answer sent together, each changed one stored through
`events_followup.answer`; a refused card keeps what was typed, the others are saved (nothing typed is lost)."""
from __future__ import annotations

from matchmaker.models.event import Event, EventParticipant
from matchmaker.models.user import User
from matchmaker.services import events_followup
from matchmaker.services.events import Conflict


def typed_answers(form, meeting_ids: list[int]) -> dict[int, dict]:
    """Each meeting's typed answer from the form's per-meeting fields (`outcome-<id>`, `rating-<id>`, `note-<id>`,
    `continue-<id>`)."""
    typed = {}
    for meeting_id in meeting_ids:
        rating = form.get(f"rating-{meeting_id}", "")
        typed[meeting_id] = {"outcome": form.get(f"outcome-{meeting_id}") or None,
                             "rating": int(rating) if rating.isdigit() else None,
                             "note": form.get(f"note-{meeting_id}", ""),
                             "continue": bool(form.get(f"continue-{meeting_id}"))}
    return typed


def _typed_without_outcome(item: dict, answer: dict) -> bool:
    """A note or "continue" typed in a card whose outcome was not chosen: refused in place (`bad_outcome`), never
    dropped. Not stored without an outcome: a row without one reads as "my partner did not come" beside the day's
    report, and "continue" would reach a partner about a meeting nobody said took place."""
    if answer["outcome"] is not None:
        return False
    typed = (answer["note"].strip(), answer["continue"])
    return any(typed) and typed != (item["note"] or "", item["continue"])


def _changed(item: dict, answer: dict) -> bool:
    if answer["outcome"] is None:  # a card left untouched (or not answered yet): nothing to store
        return False
    stored = (item["outcome"], item["rating"], item["note"] or "", item["continue"])
    return (answer["outcome"], answer["rating"], answer["note"].strip(), answer["continue"]) != stored


def answer_all(event: Event, participant: EventParticipant, typed: dict[int, dict],
               user: User | None = None) -> tuple[list[int], dict[int, tuple[str, dict]], list[int]]:
    """Store every changed answer (each committed; a note or "continue" without an outcome is refused, never
    dropped); returns (saved meeting ids, refused {meeting id: reason},
    meeting ids whose "continue" left the participant connected)."""
    saved, refused, connected = [], {}, []
    for item in events_followup.meetings(event, participant):
        answer = typed.get(item["meeting_id"])
        if answer is None or item["closed_before"]:
            continue
        if _typed_without_outcome(item, answer):
            refused[item["meeting_id"]] = ("bad_outcome", {})
            continue
        if not _changed(item, answer):
            continue
        try:
            if events_followup.answer(event, participant, item["meeting_id"], answer["outcome"], answer["rating"],
                                      answer["note"], answer["continue"], user):
                connected.append(item["meeting_id"])
            saved.append(item["meeting_id"])
        except Conflict as exc:
            refused[item["meeting_id"]] = exc.reason
    return saved, refused, connected
