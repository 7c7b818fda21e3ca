"""Messages pages: the organisation's conversations, one conversation (read it, write in it), a partner's link."""
from __future__ import annotations

from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from wtforms import TextAreaField
from wtforms.validators import InputRequired

from matchmaker.extensions import db
from matchmaker.form_base import AppForm
from matchmaker.linkify import linkify
from matchmaker.models import ConversationSide, Organisation
from matchmaker.models.message import BODY_MAX
from matchmaker.services import messages

bp = Blueprint("messages", __name__, url_prefix="/messages")

REFUSALS = {"no_organisation": _l("Your account does not belong to an organisation, so it has no messages."),
            "nul": _l("The message contains a NUL character, which no text here may hold. Remove it and send again."),
            "empty": _l("Write something before sending."),
            "too_long": _l("A message can be at most 4,000 characters long: shorten it or send it in two parts."),
            "closed": _l("The connection has ended: this conversation can be read but takes no new messages."),
            "rate_limited": _l("You have sent many messages in a short time. Wait a minute and send again: your "
                               "text is kept below.")}


class MessageForm(AppForm):
    """The box under a conversation (its rules are the service's: messages.clean_body)."""

    body = TextAreaField(_l("Your message"), validators=[InputRequired()])


@bp.get("/")
@login_required
def index():
    if current_user.organisation_id is None:
        flash(str(REFUSALS["no_organisation"]), "info")
        return redirect(url_for("main.home"))
    return render_template("messages/index.html", rows=messages.summaries(current_user.organisation_id))


@bp.get("/with/<int:org_id>")
@login_required
def with_partner(org_id: int):
    """The conversation with a connected partner (created on first use); 404 when not connected, and for an account
    without an organisation (organisers, admins): no conversation of others exists for them."""
    try:
        conversation = messages.conversation_with(current_user, org_id)
    except messages.MessageError:
        abort(404)
    return redirect(url_for("messages.show", conversation_id=conversation.id, _anchor="write"))


def _conversation(conversation_id: int):
    try:
        return messages.conversation_for(current_user, conversation_id)
    except messages.MessageError:
        abort(404)


def _render(conversation, form: MessageForm, status: int = 200):
    before = request.args.get("before", type=int)
    before = before if before is not None and 0 < before < 2**31 else None
    items, older = messages.page(conversation, before)
    mine = current_user.organisation_id
    side = db.session.get(ConversationSide, (conversation.id, mine))
    first_unread = next((m.id for m in items if m.author_organisation_id != mine and m.id > side.last_read_id), None)
    if before is None:
        messages.mark_read(current_user, conversation)
    partner = db.session.get(Organisation, conversation.other(mine))
    return render_template("messages/show.html", conversation=conversation, partner=partner, items=items,
                           older=older, authors=messages.authors(items), form=form, first_unread=first_unread,
                           open=messages.is_open(conversation), mine=mine, body_max=BODY_MAX), status


@bp.get("/<int:conversation_id>")
@login_required
def show(conversation_id: int):
    return _render(_conversation(conversation_id), MessageForm())


@bp.post("/<int:conversation_id>")
@login_required
def send(conversation_id: int):
    conversation = _conversation(conversation_id)
    form = MessageForm()
    if not form.validate_on_submit():
        return _render(conversation, form, 422 if form.errors.get("body") else 400)
    try:
        messages.post(current_user, conversation, form.body.data)
    except messages.MessageError as exc:
        form.body.errors = [str(REFUSALS.get(exc.code, exc.message))]
        return _render(conversation, form, exc.status)
    return redirect(url_for("messages.show", conversation_id=conversation.id, _anchor="write"))


bp.add_app_template_global(messages.excerpt, "excerpt")
bp.add_app_template_filter(linkify, "linkify")


@bp.app_template_global()
def unread_messages() -> int:
    """The navigation's number: unread messages of the current user's organisation (0 for visitors)."""
    if not current_user.is_authenticated or current_user.organisation_id is None:
        return 0
    from matchmaker import user_prefetch

    kept = user_prefetch.unread_messages(current_user.id)
    return kept if kept is not None else messages.unread_total(current_user.organisation_id)


@bp.app_template_global()
def unread_messages_by_partner() -> dict[int, int]:
    """Unread messages per partner organisation (connection cards), read once per request."""
    if "_unread_by_partner" not in g:
        g._unread_by_partner = {} if current_user.organisation_id is None else {
            s.partner.id: s.unread for s in messages.summaries(current_user.organisation_id)}
    return g._unread_by_partner
