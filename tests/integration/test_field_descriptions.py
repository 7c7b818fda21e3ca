"""Every field rendered by `render_field` (templates/_macros.html) is described by its help text and, once refused, by
its errors: aria-describedby on the input, or on the fieldset of a group of boxes or radio buttons, names both ids,
each the id of one element of the page."""
from __future__ import annotations

import re

from flask import get_template_attribute
from wtforms import BooleanField, RadioField, StringField

from matchmaker.form_base import AppForm
from matchmaker.profiles.forms import MultiCheckboxField
from tests.helpers import login, make_org, make_user, post_form


def _described_by(tag: str) -> list[str]:
    found = re.search(r'aria-describedby="([^"]*)"', tag)
    return found.group(1).split() if found else []


def _fieldset(html: str, field_id: str) -> str:
    """The opening tag of the fieldset holding the group whose list has this id."""
    return re.findall(r"<fieldset[^>]*>", html[:html.index(f'id="{field_id}"')])[-1]


def _points_at_one_element_each(html: str, ids: list[str]) -> None:
    for described in ids:
        assert html.count(f'id="{described}"') == 1, described


class _Form(AppForm):
    class Meta:
        csrf = False

    areas = MultiCheckboxField("Areas", choices=[("a", "A"), ("b", "B")], description="Tick all that apply.")
    mode = RadioField("Mode", choices=[("good", "Good rows"), ("all", "All or nothing")], description="What to do.")
    note = StringField("Note", description="A few words.")
    agree = BooleanField("I agree", description="You can change it later.")


def test_groups_boxes_and_inputs_name_their_help_and_errors(app):
    with app.test_request_context():
        form = _Form(data={})
        render_field = get_template_attribute("_macros.html", "render_field")
        fields = (form.areas, form.mode, form.note, form.agree)
        fresh = {field.id: str(render_field(field, help=field.description)) for field in fields}
        for field in fields:
            field.errors = [f"{field.label.text} is wrong."]
        refused = {field.id: str(render_field(field, help=field.description)) for field in fields}

    for group in ("areas", "mode"):  # the group's fieldset, not each of its boxes or radio buttons
        assert _described_by(_fieldset(fresh[group], group)) == [f"{group}-help"]
        assert _described_by(_fieldset(refused[group], group)) == [f"{group}-help", f"{group}-errors"]
        assert "aria-describedby" not in refused[group][refused[group].index("<legend>"):]
        _points_at_one_element_each(refused[group], [f"{group}-help", f"{group}-errors"])
        assert "is wrong." in refused[group][refused[group].index(f'id="{group}-errors"'):]
    for single in ("note", "agree"):
        fresh_input = re.search(rf'<input[^>]*id="{single}"[^>]*>', fresh[single]).group(0)
        refused_input = re.search(rf'<input[^>]*id="{single}"[^>]*>', refused[single]).group(0)
        assert _described_by(fresh_input) == [f"{single}-help"] and "aria-invalid" not in fresh_input
        assert _described_by(refused_input) == [f"{single}-help", f"{single}-errors"]
        assert 'aria-invalid="true"' in refused_input
        _points_at_one_element_each(refused[single], [f"{single}-help", f"{single}-errors"])


def test_a_refused_profile_s_checkbox_groups_point_to_their_errors(client):
    organisation = make_org(kind="investor")
    login(client, make_user(organisation=organisation))
    url = f"/profiles/{organisation.id}/edit"
    fresh = client.get(url).get_data(as_text=True)
    assert _described_by(_fieldset(fresh, "sectors")) == []
    assert _described_by(re.search(r'<textarea[^>]*id="offer"[^>]*>', fresh).group(0)) == ["offer-help"]
    refused = post_form(client, url, {"name": "Seed Fund", "kind": "investor", "country": "IT",
                                      "sectors": ["no-such-sector"], "investor_stages": ["no-such-stage"]})
    html = refused.get_data(as_text=True)
    for group in ("sectors", "investor_stages"):
        assert _described_by(_fieldset(html, group)) == [f"{group}-errors"], group
        _points_at_one_element_each(html, [f"{group}-errors"])


def test_a_refused_password_names_its_hint_and_its_error(client):
    data = {"name": "Giulia Rossi", "email": "giulia@acme.example", "organisation_name": "Acme RNA",
            "kind": "startup", "password": "short", "confirm": "short", "privacy": "y"}
    fresh = client.get("/auth/register").get_data(as_text=True)
    assert _described_by(re.search(r'<input[^>]*id="password"[^>]*>', fresh).group(0)) == ["password-help"]
    html = post_form(client, "/auth/register", data).get_data(as_text=True)
    password = re.search(r'<input[^>]*id="password"[^>]*>', html).group(0)
    assert _described_by(password) == ["password-help", "password-errors"] and 'aria-invalid="true"' in password
    _points_at_one_element_each(html, ["password-help", "password-errors"])
