"""The profile's contact phone: a number someone can dial, written as people write them, and its tel: link."""
from __future__ import annotations

import re

from matchmaker.taxonomy import N_

# "+39 02 1234 5678", "02/12345678", "(02) 123-4567", "(+39) 02 1234 5678", "Tel. 02 1234 5678",
# "+41 91 123 45 67 int. 12": digits with spaces, dots, dashes, slashes and brackets, an optional leading + (or
# "(+"), an optional "Tel."/"tel:" label before, an optional extension after.
LABEL = re.compile(r"^(telefono|phone|tel|ph)\s*[.:]*\s*", re.IGNORECASE)  # the longest first
PHONE_RE = re.compile(r"(?P<number>\(?\+?[0-9(][0-9 ()./-]*?)(\s*(ext|int|interno|x)\.?\s*(?P<ext>[0-9]{1,6}))?",
                      re.IGNORECASE)
SPACES = re.compile(r"[\u00a0\u2007\u2009\u202f]")  # no-break and thin spaces (pasted from a sheet or a page)
MIN_DIGITS, MAX_DIGITS = 6, 20  # with the extension
NOT_A_PHONE = N_("'%(value)s' is not a phone number: write its digits, with spaces if you like and + before the "
                 "country code (e.g. +39 02 1234 5678)")


def _parts(value: str) -> re.Match | None:
    return PHONE_RE.fullmatch(LABEL.sub("", SPACES.sub(" ", value.strip())))


def phone_problem(value: str) -> str | None:
    """Why `value` is not a phone number (a message marked for translation, with %(value)s), or None."""
    digits = sum(c in "0123456789" for c in value)
    return None if _parts(value) and MIN_DIGITS <= digits <= MAX_DIGITS else NOT_A_PHONE


def tel_uri(value: str | None) -> str:
    """The number of a tel: link ("+39 02 1234-567" -> "+39021234567", an extension as RFC 3966's ";ext=12", not
    dialled with the number); "" when it has no digits."""
    parts = _parts(value or "")
    number, ext = (parts.group("number"), parts.group("ext")) if parts else (value or "", None)
    digits = "".join(c for c in number if c in "0123456789")
    if not digits:
        return ""
    return ("+" if number.lstrip("( ").startswith("+") else "") + digits + (f";ext={ext}" if ext else "")
