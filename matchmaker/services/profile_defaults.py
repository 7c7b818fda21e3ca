"""What the profile form can fill in from its registrant's account, for a profile nobody has saved yet."""
from __future__ import annotations

from babel import Locale

from matchmaker.models import Organisation, User

# Country-code domains that are not the ISO code of their country.
_DOMAIN_COUNTRIES = {"uk": "GB"}
_COUNTRIES = frozenset(code for code in Locale("en").territories if len(code) == 2 and code.isalpha())
_LANGUAGE_COUNTRIES = {"it": "IT"}  # the cluster's own language says its country; English says nothing


def registration_defaults(organisation: Organisation, user: User) -> dict[str, str]:
    """Values for the empty fields of a profile its members have not saved yet, taken from the registration of
    `user` (one of them): the contact person and e-mail, and the country (the e-mail's country domain, else the
    Italian the registration was made in). Empty when `user` is not a member or the profile has been saved."""
    if user.organisation_id != organisation.id or organisation.version > 1:
        return {}
    values = {"contact_email": user.email, "contact_name": user.name, "country": country_of(user)}
    return {name: value for name, value in values.items() if value and not getattr(organisation, name)}


def country_of(user: User) -> str:
    """The ISO code of the country a user's registration points at ("" when it says nothing)."""
    domain = user.email.rsplit(".", 1)[-1].lower() if "@" in user.email else ""
    code = _DOMAIN_COUNTRIES.get(domain, domain.upper())
    if len(domain) == 2 and code in _COUNTRIES:
        return code
    return _LANGUAGE_COUNTRIES.get(user.locale or "", "")
