"""A contact phone is a number someone can dial: written as people write them, refused when it is words."""
from __future__ import annotations

import pytest

from matchmaker.services.phone import phone_problem, tel_uri


@pytest.mark.parametrize("value", ["+39 02 1234 5678", "02/12345678", "(02) 123-4567", "+41 91 123 45 67 int. 12",
                                   "+39 02.2394.1", "800 123 456", "+39 02 1234 ext 7", "(+39) 02 1234 5678",
                                   "Tel. 02 1234 5678", "tel:+39 02 1234 5678", "Telefono 02 1234 5678",
                                   "Tel.: 02 1234 5678", "+39\u00a002\u00a01234\u00a05678"])
def test_numbers_as_people_write_them_pass(value):
    assert phone_problem(value) is None


@pytest.mark.parametrize("value", ["chiamare il centralino", "+39 02 2394 abc", "12345", "++39 02 1234 5678",
                                   "02 1234 5678 / 02 8765 4321 / 02 1111 2222",
                                   "+٣٩ ٠٢ ١٢٣٤ ٥٦٧٨"])
def test_words_too_few_digits_and_foreign_digits_are_refused(value):
    assert phone_problem(value) is not None


@pytest.mark.parametrize("value, uri", [("+39 02 1234-567", "+39021234567"), ("02/12345678", "0212345678"),
                                        ("+41 91 123 45 67 int. 12", "+41911234567;ext=12"),
                                        ("(+39) 02 1234 5678", "+390212345678"), ("Tel. 02 1234 5678", "0212345678"),
                                        ("chiamare il centralino", ""), ("", ""), (None, "")])
def test_the_tel_link_dials_the_number_and_names_the_extension_apart(value, uri):
    assert tel_uri(value) == uri
