"""Suggested partners for the logged-in member's organisation: review them (interested / save / decline / undo)."""
from __future__ import annotations

from dataclasses import astuple
from urllib.parse import parse_qsl, urlsplit

from flask import (Blueprint, abort, flash, get_template_attribute, redirect, render_template, request, session,
                   url_for)
from flask_babel import gettext as _
from flask_login import current_user, login_required
from markupsafe import Markup
from sqlalchemy.orm import lazyload
from werkzeug.datastructures import MultiDict

from matchmaker import page_cache, taxonomy
from matchmaker.extensions import db
from matchmaker.i18n import _safe_next, current_language, money, one_stop
from matchmaker.matches import labels, wording
from matchmaker.matches.kinds import asked_kind, hint, kinds_for
from matchmaker.models import Organisation, Suggestion
from matchmaker.request_guards import db_id
from matchmaker.services import engine, review, review_log
from matchmaker.services.matching import investor_gaps, partner_kinds
from matchmaker.services.review_list import AMOUNTS, Offered, ReviewFilters, review_page

bp = Blueprint("matches", __name__, url_prefix="/matches")
bp.add_app_template_filter(wording.reason_lines, "reason_lines")
bp.add_app_template_global(lambda org: review.may_see_contact(current_user, org), "may_see_contact")
bp.add_app_template_global(hint, "kind_hint")


def own_organisation() -> Organisation | None:
    """The organisation whose suggestions the page shows (`?org=` lets an admin look at another's)."""
    org_id = request.args.get("org", type=db_id) or current_user.organisation_id  # out of range: one's own
    if org_id is None:
        return None
    organisation = db.session.get(Organisation, org_id, options=[lazyload(Organisation.tags)])  # tags: not shown
    if organisation is None:
        abort(404)
    if not current_user.can_edit(organisation):
        abort(403)  # an organisation's suggestions are its own business
    return organisation


@bp.get("/")
@login_required
def index():
    organisation = own_organisation()
    if organisation is None:
        flash(_("Your account does not belong to an organisation, so there is nobody to match yet."), "info")
        return redirect(url_for("main.home"))
    kind, refused = asked_kind(organisation)  # a kind that does not exist or apply: the usual list, told why
    filters = ReviewFilters.from_args(request.args)
    page = review_page(organisation, kind, filters, request.args.get("page", 1, type=int))
    shown = {i.suggestion.id for i in page.items}
    notice = notice_at({"review-notice"} | {f"suggestion-{i}" for i in shown})
    return render_template("matches/index.html", org=organisation, kind=kind, kinds=kinds_for(organisation),
                           refused=refused,
                           page=page, filters=filters, wording=wording, labels=labels,
                           can_act=organisation.id == current_user.organisation_id,
                           history=review_log.history(organisation.id, [i.target.id for i in page.items]),
                           filter_form=filter_form(organisation, kind, filters,
                                                   Offered.of(page.shown, investors=kind == "investor")),
                           card_head=card_head, card_actions=card_actions,
                           # a start-up or SME: what investor matching lacks, above the list or instead of it
                           investor_gaps=labels.investor_gaps_text(investor_gaps(organisation))
                           if kind == "investor" and organisation.kind != "investor" else "",
                           retry=decline_retry(shown), notice_at=notice, undo=undo_offer(notice, shown))


def filter_form(organisation: Organisation, kind: str, filters: ReviewFilters, offered: Offered) -> Markup:
    """The page's filter form: the same for every reader of a language with the same list (kind, the `org` asked
    for, the organisation's kind), filters and partners' kinds, sectors, areas, regions and countries (`offered`:
    only what the list holds, and the value chosen), so kept."""
    lang, org_arg = current_language(), request.args.get("org")

    def render() -> Markup:
        return Markup(render_template(
            "matches/_filter_form.html", org=organisation, kind=kind, filters=filters, labels=labels,
            filter_selects=filter_selects(filters, offered, areas=kind != "investor"),
            partner_kinds=(partner_kinds(kind, organisation.kind) & offered.kinds) | {filters.partner_kind},
            amounts=[(a, money(a)) for a in AMOUNTS]).strip())

    key = (kind, org_arg, organisation.id if org_arg else None, organisation.kind, astuple(filters), offered, lang)
    return page_cache.cached("suggestion-filter-form", key, render)


def filter_selects(filters: ReviewFilters, offered: Offered, areas: bool = True) -> Markup:
    """The sector, therapeutic-area (unless `areas` is false: an investor list), region and country selects, each
    offering the values of the list's partners and the one chosen."""
    lang = current_language()

    def render() -> Markup:
        def chosen(values: tuple[str, ...], value: str) -> list[str]:  # the value as the list writes it, if it has it
            known = {v.lower() for v in values}
            return sorted(set(values) | ({value} if value and value.lower() not in known else set()))

        return get_template_attribute("_macros.html", "profile_filters")(
            filters, taxonomy, lang, chosen(offered.regions, filters.region),
            chosen(offered.countries, filters.country.upper()), areas=areas,
            sectors=chosen(offered.sectors, filters.sector), area_codes=chosen(offered.areas, filters.area))

    key = (filters.sector, filters.area, filters.region, filters.country, offered, lang, areas)
    return page_cache.cached("profile-filter-selects", key, render)


def card_actions(item, here: str, after: int | None = None, retry: dict | None = None) -> Markup:
    """A suggestion card's review forms, kept per suggestion, state, return address, the card after it and language
    with a slot where each request puts its own session's CSRF token; a decline that just failed (`retry`) is
    shown open with its reason, note and error, not kept."""
    actions = get_template_attribute("matches/_review.html", "actions")
    if retry and retry["id"] == item.suggestion.id:
        return actions(item, here, labels, after=after, retry=retry)

    def render() -> str:
        return str(actions(item, here, labels, token=page_cache.TOKEN_SLOT, after=after))

    key = (item.suggestion.id, item.state, item.connected, here, after, current_language())
    return page_cache.fill_slots(page_cache.cached("suggestion-actions", key, render, stamped=False))


def card_head(item) -> Markup:
    """A suggestion card's partner, score and reasons: the same for everyone who may see the suggestion, so kept
    per suggestion (and what its reasons are explained from: its scores, both profiles through the data stamp,
    the engine's version), the strength cap of its place in the list, and language. The reviewer's own state,
    history and forms are rendered per request."""
    s = item.suggestion
    key = (s.id, s.source_id, s.target_id, s.score, s.forward, s.backward, repr(sorted((s.signals or {}).items())),
           item.score, item.cap(), engine.loaded_version(), current_language())
    return page_cache.cached("suggestion-head", key, lambda: Markup(
        render_template("matches/_suggestion_head.html", item=item, wording=wording)))


@bp.post("/suggestions/<int:suggestion_id>/feedback")
@login_required
def feedback(suggestion_id: int):
    suggestion = review.own_suggestion(current_user, suggestion_id)
    if suggestion is None:
        abort(404)  # someone else's suggestion: as if it did not exist
    organisation = db.session.get(Organisation, suggestion.source_id)
    target = db.session.get(Organisation, suggestion.target_id)
    action, reason = request.form.get("action", ""), request.form.get("reason") or None
    note = request.form.get("note", "")
    back = back_to(url_for("matches.index", kind=suggestion.kind))
    try:
        outcome = review.give_feedback(organisation, target, suggestion.kind, action, current_user, reason, note)
    except review.ReviewError as exc:
        if action != "decline" or exc.code not in DECLINE_ERRORS:
            flash(_review_error(exc), "error")
            return redirect(back)
        # The decline form opens again where it was, with the reason and note kept and the error beside them.
        session["decline_retry"] = {"id": suggestion.id, "reason": reason or "", "note": note[:review.NOTE_MAX],
                                    "code": exc.code}
        return redirect(back + f"#suggestion-{suggestion.id}")
    flash(one_stop(_done_message(action, target, outcome)), "success")
    anchor = _anchor(back, suggestion.id, outcome)
    if action != "undo" and not outcome.connected and anchor:
        session["review_undo"] = suggestion.id  # offered beside the confirmation if the card has left (undo_offer)
    session["review_notice"] = anchor[1:]  # the confirmation is shown there, where the reader lands (notice_at)
    return redirect(back + anchor)


def _anchor(back: str, suggestion_id: int, outcome: review.Outcome) -> str:
    """Where the phone user returns on a suggestions page: the answered card, or the one after it (the form's
    `after`) when the answer takes it out of the list (declined, or a state the list is filtered on)."""
    url = urlsplit(back)
    if url.path == url_for("matches.queue"):
        return "#review-notice"  # the queue: the confirmation above the next card
    if url.path != url_for("matches.index"):
        return ""
    wanted = ReviewFilters.from_args(MultiDict(parse_qsl(url.query))).state
    state = outcome.feedback.state if outcome.feedback else "new"
    stays = state == wanted if wanted else state != "declined"
    after = request.form.get("after", type=db_id)
    if stays or after is not None:
        return f"#suggestion-{suggestion_id if stays else after}"
    return "#review-notice"


def notice_at(anchors) -> str | None:
    """Where this page shows the confirmation of the answer just given (one-shot): the card returned to, or the
    notice above the list, when it is among `anchors`; else None (the top of the page, as every flash)."""
    anchor = session.pop("review_notice", None)
    return anchor if anchor in anchors else None


def undo_offer(notice: str | None, shown) -> Suggestion | None:
    """The answer just given, to take back beside its confirmation (one-shot) when this page shows that (`notice`,
    see notice_at) and its card is not among `shown` (declined, or out of the queue or of a filtered list, where
    its own Undo button went with it); None when it is already undone, ends a connection if undone, or is not the
    reader's."""
    suggestion_id = session.pop("review_undo", None)
    if notice is None or suggestion_id is None or suggestion_id in shown:
        return None
    suggestion = review.own_suggestion(current_user, suggestion_id)
    return suggestion if suggestion is not None and review.undoable(suggestion) else None


def decline_retry(suggestion_ids) -> dict | None:
    """The decline that just failed on this page (one-shot): its suggestion, reason, note and error message."""
    retry = session.pop("decline_retry", None)
    if not retry or retry.get("id") not in suggestion_ids:
        return None
    target = db.session.get(Organisation, db.session.get(Suggestion, retry["id"]).target_id)
    return dict(retry, message=_decline_error(retry["code"], target.name))


def back_to(fallback: str) -> str:
    """The form's same-site `next` page, else `fallback`."""
    target = request.form.get("next")
    return _safe_next(target) if target else fallback


DECLINE_ERRORS = ("bad_reason", "note_required", "note_too_long")


def _decline_error(code: str, name: str) -> str:
    return {"bad_reason": _("Choose a reason for declining %(name)s.", name=name),
            "note_required": _("Say in a few words why you decline %(name)s: the reason is “Other”.", name=name),
            }.get(code, _("The note about %(name)s is too long (2,000 characters at most).", name=name))


def _review_error(exc: review.ReviewError) -> str:
    return {"bad_reason": _("Choose a reason for declining."),
            "note_required": _("Say why in a few words when the reason is “Other”."),
            "note_too_long": _("The note is too long (2,000 characters at most)."),
            "save_interested": _("You have expressed interest in this organisation: undo it first if you would "
                                 "rather save it for later."),
            }.get(exc.code, _("That action is not possible."))


def _done_message(action: str, target: Organisation, outcome: review.Outcome) -> str:
    if outcome.newly_connected:
        return _("You and %(name)s are now connected: their contact details are on their profile.", name=target.name)
    return {"interested": _("You said you are interested in %(name)s.", name=target.name),
            "save": _("%(name)s saved for later.", name=target.name),
            "decline": _("%(name)s declined; it will not come back unless you undo.", name=target.name),
            }.get(action, _("Answer about %(name)s undone.", name=target.name))


from matchmaker.matches import pages  # noqa: E402,F401  (the queue, interest, connections and insight routes)
