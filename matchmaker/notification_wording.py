"""The words of each notification code, in the reader's language (the services store only codes and parameters).

Add a code here when a feature notifies someone: one sentence with `%(name)s` placeholders for its parameters,
marked with N_ so that `make translations` collects it. The e-mail of a notification is the same sentence, its
link and a footer.
"""
from __future__ import annotations

from typing import Any

from flask_babel import gettext, ngettext

from matchmaker.count_wording import agenda_changes
from matchmaker.taxonomy import N_

WORDING: dict[str, str] = {
    "api_token_created": N_("A new API token, “%(name)s”, was created for your account. If this was not you, "
                            "revoke it on the API tokens page and change your password."),
    "interest_received": N_("%(name)s is interested in your organisation. Say you are interested too to connect "
                            "and see each other's contact details."),
    "connected": N_("You are now connected with %(name)s: both of you said you are interested. Their contact "
                    "details are on their profile."),
    "connection_withdrawn": N_("%(name)s withdrew the connection with your organisation; contact details are "
                               "private again."),
    # one per conversation until the recipient's organisation has read it (services/messages.py)
    "message_received": N_("%(name)s sent your organisation a message. Until someone of your organisation has read "
                           "the conversation, further messages in it bring no new notice."),
    "event_agenda_changed": N_("Your agenda for %(event)s changed: %(changes)s."),
    "event_participation_cancelled": N_("The organisers cancelled your participation in %(event)s. The event "
                                        "page says what this means."),
    "event_meeting_cancelled": N_("Your meeting with %(name)s at %(event)s is cancelled: they no longer take "
                                  "part. It is gone from your agenda."),
    # the same, naming the person's organisation too (what a partner recognises): chosen by describe()
    "event_meeting_cancelled+organisation": N_("Your meeting with %(name)s (%(organisation)s) at %(event)s is "
                                               "cancelled: they no longer take part. It is gone from your agenda."),
    "event_request_expired": N_("Your meeting request to %(name)s at %(event)s expired unanswered: the organisers "
                                "closed the requests and published the agenda."),
    "event_request_expired+organisation": N_("Your meeting request to %(name)s (%(organisation)s) at %(event)s "
                                             "expired unanswered: the organisers closed the requests and published "
                                             "the agenda."),
    "event_called_off": N_("%(event)s was called off by the organisers: your meetings are cancelled (your calendar "
                           "feed shows them as cancelled). The event page says more."),
    "event_added": N_("The organisers added you as a participant of %(event)s: see the event's page."),
    "event_feedback_requested": N_("%(event)s is over: tell us how your meetings went, and say with whom you "
                                   "want to continue."),
    "event_request_received": N_("%(name)s asks you for a meeting at %(event)s."),
    "event_request_accepted": N_("%(name)s accepted your meeting request at %(event)s."),
    "event_request_declined": N_("%(name)s declined your meeting request at %(event)s: %(reason)s."),
    # the same, naming the person's organisation too (chosen by describe() when the notice has one)
    "event_request_received+organisation": N_("%(name)s (%(organisation)s) asks you for a meeting at %(event)s."),
    "event_request_accepted+organisation": N_("%(name)s (%(organisation)s) accepted your meeting request at "
                                              "%(event)s."),
    "event_request_declined+organisation": N_("%(name)s (%(organisation)s) declined your meeting request at "
                                              "%(event)s: %(reason)s."),
    "join_requested": N_("%(name)s asks to join %(organisation)s as a member. Accept or decline on the join "
                         "requests page."),
    "join_accepted": N_("%(name)s accepted you as a member of %(organisation)s."),
    "join_declined": N_("Your request to join %(organisation)s was declined."),
    # A "join_requested" notification once someone has answered (services/membership.py rewrites it in place).
    "join_request_accepted": N_("%(decider)s accepted %(name)s as a member of %(organisation)s."),
    "join_request_declined": N_("%(decider)s declined the request of %(name)s to join %(organisation)s."),
}


def describe(code: str, params: dict[str, Any] | None = None) -> str:
    """The sentence for `code` in the current language (the bare code for a code this version does not know), with
    the details some notices add (an agenda change's meetings) after it: what a mail says."""
    sentence, items, notes = describe_parts(code, params)
    return " ".join([sentence, *items, *notes])


def describe_parts(code: str, params: dict[str, Any] | None = None) -> tuple[str, list[str], list[str]]:
    """The notice's sentence, the items it names (an agenda change's meetings, a sentence each) and its closing
    notes (the zone of their times, how many more changes it does not name): the notifications page shows the items
    as a list under the notice's link and the notes after it, not all in one bold link (a walk on a phone)."""
    template = WORDING.get(f"{code}+organisation" if (params or {}).get("organisation") else code) or \
        WORDING.get(code)
    if template is None:
        return code, [], []
    params = dict(params or {})
    changes = 0
    if code == "event_agenda_changed" and all(isinstance(params.get(k), int) for k in ("new", "moved", "cancelled")):
        changes = params["new"] + params["moved"] + params["cancelled"]
        params["changes"] = agenda_changes(params["new"], params["moved"], params["cancelled"])
    if code == "event_request_declined":
        from matchmaker.models.event_meeting import DECLINE_REASONS

        params["reason"] = gettext(DECLINE_REASONS.get(params.get("reason", ""), DECLINE_REASONS["other"]))
    from matchmaker.i18n import one_stop

    try:
        sentence = one_stop(gettext(template, **params))
    except (KeyError, ValueError, TypeError):  # a stored notification older than its wording's parameters
        return gettext(template.replace("%(", "(").replace(")s", ")")), [], []
    if code != "event_agenda_changed" or not params.get("meetings"):
        return sentence, [], []
    from matchmaker.events.wording import agenda_change_details  # the meetings named

    try:
        items, zone = agenda_change_details(params)
    except (KeyError, ValueError, TypeError):  # a stored notice whose meetings this version cannot read: its sentence
        return sentence, [], []
    notes = [zone] if zone else []
    more = changes - len(params["meetings"])
    if more > 0:  # NAMED at most are named: the others are said to be on the agenda, not dropped silently
        notes.append(ngettext("%(num)s more change is not named here: see your agenda.",
                              "%(num)s more changes are not named here: see your agenda.", more))
    return sentence, items, notes
