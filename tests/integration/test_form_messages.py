"""WTForms' stock messages are worded by our catalogue in both languages ("Scegli una delle opzioni dell’elenco.",
not WTForms' own "Non è una opzione valida"), and every form of the app is built on the base that does it."""
from __future__ import annotations

import html

from flask_babel import force_locale
from flask_wtf import FlaskForm
from wtforms import EmailField, IntegerField, RadioField, SelectMultipleField, StringField
from wtforms.validators import DataRequired, Email, Length, NumberRange

from matchmaker.form_base import AppForm
from tests.helpers import login, make_user, post_form

STOCK_ITALIAN = ("Non è una opzione valida", "Non è una valore intero valido", "Il valore non può essere più lungo",
                 "Questo campo è obbligatorio", "Valore non valido", "Opzione(i)", "Non è una data valida")


def every_subclass(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from every_subclass(sub)


def test_every_form_of_the_app_is_built_on_the_base(app):
    ours = [c for c in every_subclass(FlaskForm) if c.__module__.startswith("matchmaker.")]
    assert len(ours) >= 15
    assert [c.__qualname__ for c in ours if not issubclass(c, AppForm)] == []


class Sample(AppForm):
    class Meta:
        csrf = False

    colour = RadioField(choices=[("red", "Red"), ("blue", "Blue")])
    tags = SelectMultipleField(choices=[("a", "A"), ("b", "B")])
    count = IntegerField(validators=[NumberRange(1, 5)])
    name = StringField(validators=[DataRequired(), Length(max=3)])
    email = EmailField(validators=[Email()])


def errors_in(app, language: str, **data) -> dict:
    from werkzeug.datastructures import MultiDict

    with app.test_request_context(method="POST"), force_locale(language):
        form = Sample(formdata=MultiDict(data))
        form.validate()
        return {name: [str(e) for e in errs] for name, errs in form.errors.items()}


def test_stock_messages_read_as_ours_in_italian_and_english(app):
    bad = {"colour": "green", "tags": "z", "count": "tre", "name": "Anna", "email": "anna@"}
    italian = errors_in(app, "it", **bad)
    assert italian["colour"] == ["Scegli una delle opzioni dell’elenco."]
    assert italian["tags"] == ["«z» non è tra le opzioni: scegli dall’elenco."]
    assert italian["count"][0] == "Inserisci un numero intero (solo cifre)."
    assert italian["name"] == ["Usa al massimo 3 caratteri."]
    assert italian["email"] == ["Inserisci un indirizzo e-mail valido, come nome@esempio.it."]
    assert errors_in(app, "it", count="9", name="", colour="red", email="a@example.org")["count"] == [
        "Inserisci un numero da 1 a 5."]
    english = errors_in(app, "en", **bad)
    assert english["colour"] == ["Choose one of the options in the list."]
    assert english["name"] == ["Use at most 3 characters."]


def test_the_event_form_says_what_to_enter_in_italian(app, client):
    organiser = make_user(role="organiser", locale="it")
    login(client, organiser)
    page = html.unescape(post_form(client, "/events/new", {
        "name": "Giornata", "time_zone": "Europe/Rome", "first_day": "10/03/2027", "days": "due",
        "am_start": "9.30", "am_end": "13:00", "slot_minutes": "20", "tables": "10"}).get_data(as_text=True))
    assert "Inserisci una data valida." in page
    assert "Inserisci un numero intero da 1 a 5." in page and "Inserisci un numero da 1 a 5." not in page  # one message
    assert "Scrivi l’ora nel formato HH:MM, per esempio 09:30." in page
    assert not [stock for stock in STOCK_ITALIAN if stock in page]


def _field_errors(page: str, field_id: str) -> list[str]:
    import re

    found = re.search(rf'<ul class="errors" id="{field_id}-errors">(.*?)</ul>', page, re.S)
    return re.findall(r"<li>(.*?)</li>", found.group(1)) if found else []


def test_a_required_field_says_so_in_one_sentence_on_every_form(app):
    """The profile schema said "required" ("obbligatorio") where the other forms say "This field is required."."""
    from tests.helpers import make_org

    for language, sentence in (("en", "This field is required."), ("it", "Questo campo è obbligatorio.")):
        visitor = app.test_client()
        visitor.environ_base["HTTP_ACCEPT_LANGUAGE"] = language
        register = html.unescape(post_form(visitor, "/auth/register", {"name": ""}).get_data(as_text=True))
        assert _field_errors(register, "name") == [sentence]
        member = app.test_client()
        org = make_org()
        login(member, make_user(organisation=org, locale=language))
        profile = html.unescape(post_form(member, f"/profiles/{org.id}/edit", {"name": " ", "kind": "sme"})
                                .get_data(as_text=True))
        assert _field_errors(profile, "name") == [sentence]
