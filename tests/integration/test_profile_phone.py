"""The profile form refuses a contact phone that is words, in the reader's language, and keeps what was typed."""
from __future__ import annotations

from tests.helpers import login, make_org, make_user, post_form
from tests.integration.test_suggestions import FULL_FORM


def test_the_profile_form_refuses_words_in_italian_and_keeps_them(app, client):
    org = make_org(name="Centro Test", kind="sme")
    login(client, make_user(organisation=org, locale="it"))
    form = dict(FULL_FORM, name="Centro Test", kind="sme", contact_phone="chiamare il centralino")
    page = post_form(client, f"/profiles/{org.id}/edit", form).get_data(as_text=True)
    assert "«chiamare il centralino» non è un numero di telefono" in page
    assert 'value="chiamare il centralino"' in page
