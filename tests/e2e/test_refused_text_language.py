"""End-to-end on a phone (390 px): text typed into a form that was refused (a message too long, a follow-up answer)
or not yet sent (a decline's note) survives the header's language switch, which reloads the page: the typed values
come back in their form, in the other language, without a question; leaving by a link still asks
(static/js/unsaved.js: forms marked data-warn-unsaved, "refused" when the server sent them back)."""
from __future__ import annotations

import pytest

from matchmaker.extensions import db
from matchmaker.models import Feedback, User
from matchmaker.services import events_day
from tests.e2e.conftest import log_in, open_own_profile_form, screenshot
from tests.e2e.test_messages_phone import connected_members, fits_the_phone
from tests.e2e.test_review import populate
from tests.helpers import make_user
from tests.integration.events.builders import small_event
from tests.integration.events.day_builders import published_day, rome

pytestmark = pytest.mark.e2e


def _dialogs(page) -> list[str]:
    asked = []

    def answer(dialog):
        asked.append(dialog.type)
        dialog.dismiss()  # stay on the page

    page.on("dialog", answer)
    return asked


def _switch(page, language: str) -> None:
    page.click(f".lang-switch button[value={language}]")
    page.wait_for_selector(f"html[lang={language}]")  # the new page is parsed ...
    page.wait_for_load_state("load")  # ... and its deferred scripts have put the carried values back (on a loaded
    # machine the values were read before unsaved.js had run)


def test_a_refused_message_survives_the_language_switch(phone, live_app):
    lab_id = connected_members(live_app)
    base = live_app.config["LIVE_URL"]
    log_in(phone, base, "alice@acme.example", "it")
    asked = _dialogs(phone)
    phone.goto(f"{base}/messages/with/{lab_id}")
    text = "Proposta di collaborazione sugli organoidi epatici. " + "Dettagli. " * 400  # over 4,000 characters
    phone.fill("textarea[name=body]", text)
    phone.click("#write button[type=submit]")
    phone.wait_for_selector("#write .errors")  # refused: the text comes back with the reason
    assert phone.get_attribute("#write", "data-warn-unsaved") == "refused"
    _switch(phone, "en")
    assert phone.input_value("textarea[name=body]") == text
    assert asked == [] and "Messages with Laboratorio Fegato" in phone.content()
    screenshot(phone, "refused-message-after-switch-390")
    assert fits_the_phone(phone) and [e for e in phone.console_errors if "status of 422" not in e] == []
    phone.click(".brand")  # leaving by a link still asks: the text is not sent
    phone.wait_for_timeout(400)
    assert asked == ["beforeunload"] and "/messages/" in phone.url
    _switch(phone, "it")  # and a second switch carries it again
    assert phone.input_value("textarea[name=body]") == text and asked == ["beforeunload"]


def test_a_refused_follow_up_answer_survives_the_language_switch(phone, live_app, monkeypatch):
    monkeypatch.setattr(events_day, "current_time", lambda: rome(18))
    with live_app.app_context():
        event, people, meetings = published_day(organiser=make_user(role="organiser"))
        email, event_id, meeting_id = db.session.get(User, people[0].user_id).email, event.id, meetings[0].id
        db.session.remove()
    base = live_app.config["LIVE_URL"]
    log_in(phone, base, email, "en")
    asked = _dialogs(phone)
    phone.goto(f"{base}/events/{event_id}/followup")
    item = phone.locator(f"#meeting-{meeting_id}")
    item.get_by_label("It was cancelled on the day").check()
    item.get_by_label("4", exact=True).check()  # a rating for a meeting that did not take place: refused
    item.locator("textarea").fill("Call them on Monday about the assay")
    item.get_by_role("button", name="Save my answer").click()
    phone.wait_for_selector(f"#followup-error-{meeting_id}")
    _switch(phone, "it")
    item = phone.locator(f"#meeting-{meeting_id}")
    assert item.locator("textarea").input_value() == "Call them on Monday about the assay"
    assert item.locator(f"input[name=outcome-{meeting_id}][value=cancelled]").is_checked()
    assert item.locator(f"input[name=rating-{meeting_id}][value='4']").is_checked()
    assert "Non salvata" in item.locator(".carried-refusal").inner_text()  # R9: still marked as not saved
    assert phone.get_attribute("#followup-form", "data-warn-unsaved") == "refused"
    assert asked == [] and f"/events/{event_id}/followup" in phone.url and fits_the_phone(phone)
    screenshot(phone, "refused-followup-after-switch-390")


def test_a_decline_note_and_a_profile_edit_survive_the_language_switch(phone, live_app):
    populate(live_app)
    base = live_app.config["LIVE_URL"]
    log_in(phone, base, "tto@liverlab.example", "en")
    asked = _dialogs(phone)
    phone.goto(base + "/matches/")
    card = phone.locator("li.card").first
    card_id = card.get_attribute("id")
    card.locator("details.decline summary").click()
    card.locator("select[name=reason]").select_option("other")
    card.locator("input[name=note]").fill("Outside our field for now")
    _switch(phone, "it")
    card = phone.locator(f"#{card_id}")
    assert card.locator("details.decline").get_attribute("open") is not None  # opened again to show it
    assert card.locator("input[name=note]").input_value() == "Outside our field for now"
    assert card.locator("select[name=reason]").input_value() == "other"
    assert asked == [] and fits_the_phone(phone)
    assert phone.locator("details.decline[open]").count() == 1  # only the form typed in came back
    card.locator("details.decline button[type=submit]").click()  # and the kept answer can be sent at once
    phone.wait_for_load_state()
    assert asked == []
    with live_app.app_context():
        org_id = db.session.scalars(db.select(User.organisation_id).where(User.email == "tto@liverlab.example")).one()
        assert db.session.scalars(db.select(Feedback.note).where(Feedback.organisation_id == org_id)).all() == [
            "Outside our field for now"]
    phone.goto(f"{base}/profiles/{org_id}/edit")
    phone.fill("#offer", "Liver organoids for toxicology, and hepatocyte assays")
    _switch(phone, "en")
    assert phone.input_value("#offer") == "Liver organoids for toxicology, and hepatocyte assays" and asked == []


def test_a_refused_profile_keeps_its_marks_across_the_language_switch(phone, live_app):
    """The switch reloads the page without the server's errors (worded in the other language): the field refused
    comes back marked "not saved" in the new language, with a line at the top of the form linking to it."""
    open_own_profile_form(phone, live_app, "Acme RNA", "startup", "ada@acme.example")
    asked = _dialogs(phone)
    phone.fill("#website", "acme rna")
    phone.fill("#offer", "mRNA delivery platform")
    phone.click("button:has-text('Save profile')")
    phone.wait_for_selector("#website-errors")
    assert phone.get_attribute("#website-field", "data-refused") is not None
    red = "rgb(179, 38, 30)"  # --error: the refused box is framed in it (the grey of .field inputs won before)
    border = "getComputedStyle(document.getElementById('website')).borderTopColor"
    assert phone.evaluate(border) == red and phone.evaluate(border.replace("website", "offer")) != red
    _switch(phone, "it")
    assert phone.input_value("#website") == "acme rna" and phone.input_value("#offer") == "mRNA delivery platform"
    field = phone.locator("#website-field")
    assert field.get_attribute("data-refused") is not None and "has-error" in field.get_attribute("class")
    assert "Non salvato: questo campo è stato rifiutato" in field.locator(".carried-refusal").inner_text()
    assert phone.get_attribute("#website", "aria-invalid") == "true" and phone.evaluate(border) == red
    assert "website-field-carried" in phone.get_attribute("#website", "aria-describedby")
    assert phone.locator(".carried-refusal").count() == 2  # the website's line and the summary, no other field
    summary = phone.locator("form .carried-summary")
    assert "Modifiche non salvate: correggi quanto segnalato" in summary.inner_text()
    assert summary.locator("a").get_attribute("href") == "#website" and summary.locator("a").inner_text() == (
        "Vai al primo")
    form = phone.locator("form[data-warn-unsaved]").first
    assert form.get_attribute("data-warn-unsaved") == "refused" and asked == [] and fits_the_phone(phone)
    summary.locator("a").click()
    phone.wait_for_function("window.scrollY > 0")
    screenshot(phone, "refused-profile-after-switch-390")
    phone.fill("#website", "https://acme-rna.example")  # corrected, it saves: nothing carried any more
    phone.click("button:has-text('Salva il profilo')")
    phone.wait_for_url(lambda url: not url.endswith("/edit"))
    assert phone.locator(".carried-refusal").count() == 0 and asked == []


def test_after_a_change_of_kind_the_carried_refusal_links_the_field_of_the_new_kind(phone, live_app):
    """A start-up turned investor whose tickets were refused: after the switch the page (a fresh one, for the kind
    saved) shows the investing group again for the kind carried across, and the top line links its refused field."""
    open_own_profile_form(phone, live_app, "Acme Ventures", "startup", "eve@acme.example", "it")
    phone.select_option("#kind", "investor")
    phone.fill("#ticket_min", "5000000")
    phone.fill("#ticket_max", "100")
    phone.click("button:has-text('Salva il profilo')")
    phone.wait_for_selector("#ticket_max-errors")
    _switch(phone, "en")
    assert phone.input_value("#kind") == "investor" and phone.is_visible("#ticket_max")
    summary = phone.locator("form .carried-summary")
    assert "Changes not saved: correct what is marked below" in summary.inner_text()
    assert summary.locator("a").get_attribute("href") == "#ticket_max"
    assert "Not saved: this field was refused" in phone.locator("#ticket_max-field .carried-refusal").inner_text()
    assert phone.get_attribute("#ticket_max-field", "class").count("has-error") == 1 and fits_the_phone(phone)


def test_the_event_settings_and_the_slot_grid_keep_their_own_values_across_the_switch(phone, live_app):
    """Two forms posting to the same address (the manage page's settings and slot grid): each keeps what was typed
    in it (they shared one draft before, and the second one saved replaced the first)."""
    with live_app.app_context():
        organiser = make_user(role="organiser", email="organiser@example.org")
        event, _people, _meetings = small_event(organiser=organiser, pairs=())
        event_id = event.id
        db.session.remove()
    base = live_app.config["LIVE_URL"]
    log_in(phone, base, "organiser@example.org", "en")
    asked = _dialogs(phone)
    phone.goto(f"{base}/events/{event_id}/manage")
    phone.fill("#venue", "Palazzo Lombardia, Milano")
    phone.fill("#grid-breaks", "10:40-11:00")
    _switch(phone, "it")
    assert phone.input_value("#venue") == "Palazzo Lombardia, Milano"
    assert phone.input_value("#grid-breaks") == "10:40-11:00" and asked == []


def test_the_accounts_language_choice_is_not_carried_against_the_switch(phone, live_app):
    """The account's only field is the language: an unsaved choice there is not carried across the header's switch,
    which saves its own (the page showed English with "Italiano" ticked, and leaving asked)."""
    with live_app.app_context():
        make_user(email="ada@acme.example")
        db.session.remove()
    base = live_app.config["LIVE_URL"]
    log_in(phone, base, "ada@acme.example", "it")
    asked = _dialogs(phone)
    phone.goto(f"{base}/account")
    phone.check("input[name=language][value=en]")
    phone.check("input[name=language][value=it]")  # touched, and back on Italian
    _switch(phone, "en")
    assert phone.is_checked("input[name=language][value=en]") and asked == []
    phone.click(".brand")  # nothing typed since: leaving asks nothing
    phone.wait_for_url(base + "/")
    assert asked == []
