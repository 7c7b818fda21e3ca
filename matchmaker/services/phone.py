"""The profile's contact phone: a number someone can dial, written as people write them."""
from __future__ import annotations

import re

from matchmaker.taxonomy import N_

# "+39 02 1234 5678", "02/12345678", "(02) 123-4567", "+41 91 123 45 67 int. 12": digits with spaces, dots, dashes,
# slashes and brackets, an optional leading +, an optional extension.
PHONE_RE = re.compile(r"\+?[0-9(][0-9 ()./-]*(\s*(ext|int|interno|x)\.?\s*[0-9]{1,6})?", re.IGNORECASE)
MIN_DIGITS, MAX_DIGITS = 6, 20  # with the extension
NOT_A_PHONE = N_("'%(value)s' is not a phone number: write its digits, with spaces if you like and + before the "
                 "country code (e.g. +39 02 1234 5678)")


def phone_problem(value: str) -> str | None:
    """Why `value` is not a phone number (a message marked for translation, with %(value)s), or None."""
    digits = sum(c in "0123456789" for c in value)
    return None if PHONE_RE.fullmatch(value) and MIN_DIGITS <= digits <= MAX_DIGITS else NOT_A_PHONE
