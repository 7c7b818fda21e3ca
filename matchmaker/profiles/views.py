"""Directory of profiles, a profile page, and editing (members of the organisation and admins only)."""
from __future__ import annotations

import dataclasses

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_required
from markupsafe import Markup

from matchmaker import page_cache
from matchmaker.extensions import db
from matchmaker.form_base import refused_notice
from matchmaker.i18n import current_language
from matchmaker.models import Organisation
from matchmaker.profiles.forms import GROUP_LABELS, ProfileForm, profile_differences
from matchmaker.services import profile_defaults, profiles, review
from matchmaker.services.profile_groups import FIELD_GROUP_KINDS
from matchmaker.services.next_step import next_step

bp = Blueprint("profiles", __name__, url_prefix="/profiles")


def _organisation_or_404(org_id: int) -> Organisation:
    organisation = db.session.get(Organisation, org_id)
    if organisation is None:
        abort(404)
    return organisation


@bp.get("/")
@login_required
def directory():
    filters = profiles.DirectoryFilters.from_args(request.args)
    if len(filters.q) > profiles.MAX_QUERY:
        flash(_("Your search is too long: use at most %(max)s characters.", max=profiles.MAX_QUERY), "error")
        filters = dataclasses.replace(filters, q="")
    page = request.args.get("page", 1, type=int)
    # The cards and the filter options are the same for every reader of a language: kept per data stamp.
    listing = page_cache.cached("directory-page", (filters, page, current_language()), lambda: _listing(filters, page))
    if listing.pages and page > listing.pages:  # past the end (?page=4611686018427387904): the last page
        args = request.args.to_dict() | {"page": listing.pages}
        return redirect(url_for("profiles.directory", **args))
    options = page_cache.cached("directory-filters", (dataclasses.replace(filters, q=""), current_language()),
                                lambda: _filter_options(filters))
    return render_template("profiles/directory.html", pagination=listing, filters=filters, filter_options=options)


@dataclasses.dataclass(frozen=True)
class Listing:
    """One rendered page of directory cards, with what the template's count line and page links read."""

    cards: Markup
    total: int
    page: int
    pages: int
    has_prev: bool
    has_next: bool
    prev_num: int
    next_num: int


def _listing(filters: profiles.DirectoryFilters, page: int) -> Listing:
    result = profiles.search_directory(filters, page, current_app.config["DIRECTORY_PAGE_SIZE"])
    cards = Markup(render_template("profiles/_cards.html", items=result.items, filters=filters))
    return Listing(cards, result.total, result.page, result.pages, result.has_prev, result.has_next, result.prev_num,
                   result.next_num)


def _filter_options(filters: profiles.DirectoryFilters) -> Markup:
    regions, countries = profiles.facet_values(Organisation.region, Organisation.country)
    return Markup(render_template("profiles/_filter_options.html", filters=filters, regions=regions,
                                  countries=countries))


@bp.get("/<int:org_id>")
@login_required
def show(org_id: int):
    organisation = _organisation_or_404(org_id)
    can_edit = current_user.can_edit(organisation)
    interest = review.interest_state(current_user.organisation_id, organisation.id)
    own = current_user.organisation_id == organisation.id
    return render_template("profiles/show.html", org=organisation, can_edit=can_edit, interest=interest,
                           show_contact=review.may_see_contact(current_user, organisation, interest["connected"]),
                           step=next_step(organisation) if own else None)


@bp.get("/mine")
@login_required
def mine():
    if current_user.organisation_id is None and current_user.is_organiser:
        return redirect(url_for("main.home"))  # organisers and admins have a page of their own there
    if current_user.organisation_id is None:
        flash(_("Your account does not belong to an organisation yet: find yours and ask to join it."), "info")
        return redirect(url_for("membership.join"))
    return redirect(url_for("profiles.show", org_id=current_user.organisation_id))


def _name_of_another(form: ProfileForm, organisation: Organisation) -> bool:
    """True (with the error on the name field) when the new name is another organisation's."""
    other = profiles.name_taken(organisation, form.name.data or "")
    if other is not None:
        form.name.errors.append(_("“%(name)s” is already the name of another organisation in the directory "
                                  "(%(place)s). If you work there, ask to join it from its profile page; otherwise "
                                  "give your organisation's own full name.", name=other.name,
                                  place=", ".join(p for p in (other.city, other.country) if p) or "—"))
    return other is not None


@bp.route("/<int:org_id>/edit", methods=["GET", "POST"])
@login_required
def edit(org_id: int):
    organisation = _organisation_or_404(org_id)
    if not current_user.can_edit(organisation):
        abort(403)
    form = ProfileForm(obj=organisation)
    if request.method == "GET" and _never_written(organisation):
        form.language.data = current_language()  # a new profile's texts: most likely in the language of the site
    if request.method == "GET":
        for name, value in profile_defaults.registration_defaults(organisation, current_user).items():
            form[name].data = value  # shown in the form; stored only when the member saves it
    if form.validate_on_submit() and not _name_of_another(form, organisation):
        try:
            profiles.update_profile(organisation, form.profile_data(), current_user, form.loaded_version())
        except profiles.ProfileConflict:
            # Nothing saved; the form keeps what this user typed, the page shows what the other one saved, and
            # saving again (now against the current version) replaces it on purpose.
            theirs = profile_differences(organisation, form)
            form.version.data = organisation.version
            flash(_("Someone else saved this profile while you were editing it. Their version is shown below; "
                    "your text is kept in the form: check it and save again."), "error")
            return render_template("profiles/edit.html", form=form, org=organisation, theirs=theirs,
                                   suggested_tags=_suggested(organisation), group_kinds=FIELD_GROUP_KINDS), 409
        flash(_("Profile saved."), "success")
        if form.kept_groups:
            flash(_("The fields under %(groups)s do not apply to this kind of organisation and held values that "
                    "could not be saved: they keep their previous values.",
                    groups=", ".join(f"“{GROUP_LABELS[g]}”" for g in form.kept_groups)), "info")
        return redirect(url_for("profiles.show", org_id=organisation.id))
    if form.errors:
        _flash_refused(form)
    return render_template("profiles/edit.html", form=form, org=organisation, suggested_tags=_suggested(organisation),
                           group_kinds=FIELD_GROUP_KINDS,
                           similar=_similar(organisation))


def _flash_refused(form: ProfileForm) -> None:
    """Say that the form was refused; an error on a field the page does not show is spelt out in the message."""
    unseen = form.unseen_errors()
    refused_notice(form, hidden=form.hidden_fields())
    if unseen:
        flash(_("Refused in a part of the form not shown for the kind chosen: %(fields)s",
                fields="; ".join(unseen)), "error")


@bp.post("/<int:org_id>/tags/accept")
@login_required
def accept_tags(org_id: int):
    """Accept every suggested tag at once (they can be unticked on the form afterwards)."""
    from matchmaker.services import tagging

    organisation = _organisation_or_404(org_id)
    if not current_user.can_edit(organisation):
        abort(403)
    version = request.form.get("version", "")
    try:
        added = tagging.accept_suggested(organisation, current_user,
                                         int(version) if version.isascii() and version.isdigit() else None)
    except profiles.ProfileConflict:
        flash(_("Someone else saved this profile meanwhile: look at its tags again."), "error")
    else:
        if added:
            flash(ngettext("%(num)s suggested tag accepted. You can untick it when you edit the profile.",
                           "%(num)s suggested tags accepted. You can untick any of them when you edit the profile.",
                           added), "success")
    target = "profiles.edit" if request.form.get("back") == "edit" else "profiles.show"
    return redirect(url_for(target, org_id=organisation.id))


def _never_written(organisation: Organisation) -> bool:
    """A profile nobody has saved yet and with no text (one just registered, or made by an organiser)."""
    return organisation.version <= 1 and not any((organisation.description, organisation.offer, organisation.seek,
                                                  organisation.keywords))


def _similar(organisation: Organisation) -> list[Organisation]:
    """Other organisations whose name means the same, shown to a member (the join hint, now that they may see it)
    until the profile is first saved: whoever registered it has been told at registration, and saved it anyway."""
    from matchmaker.services import org_names

    if current_user.organisation_id != organisation.id or organisation.version > 1:
        return []
    return [o for o in org_names.similar(organisation.name) if o.id != organisation.id]


def _suggested(organisation: Organisation) -> str:
    """The suggested tags, named in the reader's language (shown beside the unticked checkboxes)."""
    from matchmaker import taxonomy
    from matchmaker.i18n import vocabulary_label

    return ", ".join([vocabulary_label(taxonomy.SECTORS, c) for c in organisation.suggested_sectors]
                     + [vocabulary_label(taxonomy.THERAPEUTIC_AREAS, c)
                        for c in organisation.suggested_therapeutic_areas])
