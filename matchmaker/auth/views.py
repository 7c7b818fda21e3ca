"""Log in and out, register, change and reset passwords, accept invitations."""
from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user
from flask_login.config import COOKIE_NAME

from matchmaker.auth.forms import (JOIN, AcceptInvitationForm, ChangePasswordForm, ForgotPasswordForm, LoginForm,
                                   RegisterForm, ResendConfirmationForm, ResetPasswordForm)
from matchmaker.extensions import limiter
from matchmaker.i18n import ROLE_LABELS, adopt_chosen_language, is_local_path, visitor_language
from matchmaker.services import accounts, events_welcome, invitations, org_names

bp = Blueprint("auth", __name__, url_prefix="/auth")


def _safe_next(target: str | None) -> str:
    """Only same-site relative redirects after login (no open redirect)."""
    return target if is_local_path(target) else url_for("main.home")


def _failed(response) -> bool:
    """A successful login (a redirect) is not counted against the limit; failed attempts are."""
    return response.status_code != 302


def _log_in(user, remember: bool = False, new_login: bool = True) -> None:
    """Start a session: each login's session and remember cookie get a value of their own (User.start_login);
    a new login (not this browser's session renewed after a password change) records its time."""
    if new_login:
        # Before login_user: the language this browser used logged out (none known: nothing saved, the default
        # applies until the user picks one).
        accounts.record_login(user, visitor_language(default=None))
    user.start_login()
    login_user(user, remember=remember)
    adopt_chosen_language(user)


def _confirm_link(token: str) -> str:
    return url_for("auth.confirm_email", token=token, _external=True)


def _return_to() -> str | None:
    """The page the visitor came from (`next`, same-site paths only), carried through registration."""
    target = request.args.get("next")
    return target if is_local_path(target) else None


def _confirm_link_back(token: str) -> str:
    """The confirmation link, carrying the page to return to once the address is confirmed."""
    return url_for("auth.confirm_email", token=token, next=_return_to(), _external=True)


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["LOGIN_RATE_LIMIT"], methods=["POST"], deduct_when=_failed)
def login():
    form = LoginForm()
    if form.validate_on_submit():
        try:
            user = accounts.authenticate(form.email.data, form.password.data, _confirm_link)
        except accounts.AccountError as exc:
            form.email.errors.append(str(exc))
            return render_template("auth/login.html", form=form, back=_return_to())
        if user is not None:
            _log_in(user, remember=form.remember.data)
            flash(_("Welcome, %(name)s.", name=user.name), "success")
            return redirect(_safe_next(request.args.get("next")))
        form.password.errors.append(_("E-mail or password is not correct."))
    return render_template("auth/login.html", form=form, back=_return_to())


@bp.post("/logout")
@login_required
def logout():
    accounts.end_sessions(current_user)  # this browser and every other one, remember cookies included
    logout_user()
    flash(_("You are logged out."), "info")
    return redirect(url_for("main.home"))


@bp.route("/register", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["REGISTER_RATE_LIMIT"], methods=["POST"])
def register():
    form = RegisterForm()
    if form.validate_on_submit():
        # A profile that already exists under another spelling ("DOMPE FARMACEUTICI SPA"): say how to join it
        # before creating a second one. The answer depends on the organisation's name only, never on the address.
        answer = form.organisation_answer()
        similar = [] if answer else org_names.meant(form.organisation_name.data)
        if similar:
            if form.similar_shown.data:  # asked already, and sent again without an answer
                form.joining.errors.append(_("Choose one of the two answers: join the organisation already in the "
                                             "directory, or create a new profile."))
            form.similar_shown.data = "1"
            return render_template("auth/register.html", form=form, similar=similar, back=_return_to())
        # The same answer whether or not the address has an account: the mail tells its owner.
        accounts.register_user(form.email.data, form.name.data, form.password.data, form.organisation_name.data,
                               form.kind.data, _confirm_link_back, joining=answer == JOIN)
        return _check_mail(form.email.data.strip())
    # Refused for another field after the page asked about a similar organisation: the question stays, answered or
    # not (what was typed is kept).
    similar = org_names.meant(form.organisation_name.data or "") if form.similar_shown.data else []
    return render_template("auth/register.html", form=form, similar=similar, back=_return_to())


def _check_mail(email: str):
    """The "check your mail" page, with the form that sends the confirmation link again."""
    return render_template("auth/check_mail.html", email=email, form=ResendConfirmationForm(email=email),
                           next=_return_to())


@bp.post("/resend-confirmation")
@limiter.limit(lambda: current_app.config["LOGIN_RATE_LIMIT"])
def resend_confirmation():
    """Send the confirmation link again; the same answer whether or not the address has an unconfirmed account."""
    form = ResendConfirmationForm()
    if not form.validate_on_submit():
        return render_template("auth/check_mail.html", email=None, form=form)
    accounts.resend_confirmation(form.email.data, _confirm_link_back)
    flash(_("If an account waiting for confirmation has that address, we have sent it the link again."), "info")
    return _check_mail(form.email.data.strip())


@bp.get("/confirm/<token>")
def confirm_email(token: str):
    try:
        user = accounts.confirm_email(token)
    except accounts.AlreadyConfirmed as exc:
        if current_user.is_authenticated and current_user.id == exc.user_id:  # the link opened again, logged in
            flash(_("Your address is already confirmed."), "info")
            return redirect(url_for("main.home"))
        flash(str(exc), "info")
        return redirect(url_for("auth.login"))
    except accounts.AccountError as exc:
        flash(str(exc), "error")
        return redirect(url_for("auth.login"))
    _log_in(user)
    back = _return_to()  # the page (an event's) the visitor registered from
    if user.organisation_id is not None:
        if back:
            flash(_("Your account is ready. Complete your organisation's profile when you can, so we can find "
                    "partners."), "success")
            return redirect(back)
        flash(_("Your account is ready. Complete your organisation's profile so we can find partners."), "success")
        return redirect(url_for("profiles.edit", org_id=user.organisation_id))
    if user.joining_name:
        flash(_("Your account is ready. Find your organisation and ask its members to let you join."), "success")
        return redirect(url_for("membership.join", next=back))
    flash(_("Your account is ready."), "success")
    return redirect(url_for("main.home"))


@bp.route("/password", methods=["GET", "POST"])
@login_required
def change_password():
    form = ChangePasswordForm()
    if form.validate_on_submit():
        try:
            accounts.change_password(current_user, form.current.data, form.password.data)
        except accounts.AccountError as exc:
            form.current.errors.append(str(exc))
        else:
            # Every other session has ended with the old token; this one goes on (and keeps its remember cookie).
            remembered = bool(request.cookies.get(current_app.config.get("REMEMBER_COOKIE_NAME", COOKIE_NAME)))
            _log_in(current_user._get_current_object(), remember=remembered, new_login=False)
            flash(_("Your password has been changed. Your other sessions have been logged out and your API tokens "
                    "revoked."), "success")
            return redirect(url_for("main.home"))
    return render_template("auth/change_password.html", form=form)


@bp.route("/forgot", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["LOGIN_RATE_LIMIT"], methods=["POST"])
def forgot_password():
    form = ForgotPasswordForm()
    if form.validate_on_submit():
        accounts.request_password_reset(
            form.email.data, lambda token: url_for("auth.reset_password", token=token, _external=True))
        flash(_("If an account exists for that address, we have sent it a link to choose a new password."), "info")
        return redirect(url_for("auth.login"))
    return render_template("auth/forgot_password.html", form=form)


@bp.route("/reset/<token>", methods=["GET", "POST"])
def reset_password(token: str):
    try:  # a used, expired or broken link says so at once, not after the new password is typed twice
        accounts.reset_token_user(token)
    except accounts.AccountError as exc:
        return render_template("auth/reset_password.html", form=None, problem=str(exc))
    form = ResetPasswordForm()
    if form.validate_on_submit():
        try:
            accounts.reset_password(token, form.password.data)
        except accounts.AccountError as exc:
            flash(str(exc), "error")
            return redirect(url_for("auth.forgot_password"))
        flash(_("Your password has been changed. You can log in now."), "success")
        return redirect(url_for("auth.login"))
    return render_template("auth/reset_password.html", form=form)


@bp.route("/invitation/<token>", methods=["GET", "POST"])
def accept_invitation(token: str):
    try:
        invitation = invitations.load_invitation(token)
    except accounts.AccountError as exc:
        flash(str(exc), "error")
        return redirect(url_for("auth.login"))
    form = AcceptInvitationForm()
    if request.method == "GET" and not form.name.data:  # the name the organisers typed when they added the person
        form.name.data = events_welcome.invited_name(invitation)
    if form.validate_on_submit():
        try:
            user = invitations.accept_invitation(token, form.name.data, form.password.data)
        except accounts.AccountError as exc:
            flash(str(exc), "error")
            return redirect(url_for("auth.login"))
        _log_in(user)
        event = events_welcome.invited_event(user) if invitation.from_event else None
        if event is not None:  # the event the organisers' mail was about
            flash(_("Welcome to Matchmaker. You take part in %(event)s: here is its page.", event=event.name),
                  "success")
            return redirect(url_for("events.show", event_id=event.id))
        flash(_("Welcome to Matchmaker."), "success")
        return redirect(url_for("main.home"))
    return render_template("auth/accept_invitation.html", form=form, invitation=invitation, role_labels=ROLE_LABELS,
                           asks_to_join=invitations.asks_to_join(invitation))
