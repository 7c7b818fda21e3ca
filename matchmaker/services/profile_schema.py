"""The one set of profile rules (pydantic): the profile form, the CSV/XLSX import and the JSON API use it.

Values may come as strings (a form, a spreadsheet cell) or as JSON values; every field gives the same message
whatever the source, worded in the current language (the request's; a background import's is its starter's).
`validate_profile` returns the clean values of the fields present and the errors by field.
To add a field: declare it on `ProfileSchema` with one of the parsers below (text, choice, choices, ...).
"""
from __future__ import annotations

import re
from decimal import Decimal
from collections.abc import Callable, Mapping
from typing import Annotated, Any

from babel.numbers import format_decimal
from email_validator import EmailNotValidError, validate_email
from flask_babel import get_locale, gettext
from pydantic import BaseModel, BeforeValidator, ConfigDict, ValidationError, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

from matchmaker import taxonomy
from matchmaker.services.phone import phone_problem
from matchmaker.taxonomy import N_

MAX_AMOUNT = 10 ** 12  # euros: far above any real ticket, far below a 64-bit column's limit
AMOUNT_CHARS = 30  # an amount written with more characters than this is refused without converting it
TRUE = {"1", "true", "yes", "y", "si", "sì", "vero", "x", "on"}
FALSE = {"", "0", "false", "no", "n", "falso", "off"}
LIST_SPLIT = re.compile(r"[;|\n]+")
URL_RE = re.compile(r"^https?://[^\s/?#.]+(\.[^\s/?#.]+)+([/?#]\S*)?$", re.IGNORECASE)
LIMITS = {"name": 255, "external_id": 64, "city": 120, "region": 120, "website": 255, "description": 5000,
          "offer": 100_000, "seek": 20_000, "keywords": 2000, "contact_name": 120, "contact_email": 254,
          "contact_phone": 40}
SME_KINDS = frozenset({"sme", "startup"})  # start-ups and SMEs are SMEs (EU definition); large companies are not
SHOWN = 60  # characters of a bad value repeated in its message
REQUIRED = N_("This field is required.")  # worded as every form's own (form_base.py): one sentence everywhere


def _fail(message: str, **values: Any) -> PydanticCustomError:
    """The rule's message (marked with N_) translated and filled in; no context, so braces in values are kept.
    A long bad value is shortened in the message (a 50,000-character cell is not echoed back)."""
    if isinstance(values.get("value"), str) and len(values["value"]) > SHOWN:
        values["value"] = values["value"][:SHOWN] + "…"
    return PydanticCustomError("profile", gettext(message, **values))


def _str(value: Any) -> str:
    """The value as trimmed text, without NUL characters (PostgreSQL cannot store them in text)."""
    return "" if value is None else str(value).replace("\x00", "").strip()


def _kept(info: ValidationInfo | None, value: str) -> bool:
    """True when `value` is the text already stored in this field (an import may have stored a longer text
    than the form allows: saving the profile back unchanged must work)."""
    stored = (info.context or {}).get("stored", {}) if info is not None else {}
    return info is not None and _str(stored.get(info.field_name)) == value


def _blank(required: bool, blank: Any) -> Any:
    if required:
        raise _fail(REQUIRED)
    return blank


def text(limit: int, required: bool = False, blank: Any = "",
         check: Callable[[str], str | None] | None = None) -> Callable[[Any], Any]:
    """A trimmed text of at most `limit` characters that `check` finds no fault with; `blank` stands for none."""

    def parse(value: Any, info: ValidationInfo | None) -> Any:
        value = _str(value)
        if not value:
            return _blank(required, blank)
        if len(value) > limit and not _kept(info, value):
            raise _fail(N_("longer than %(limit)s characters"), limit=limit)
        if check is not None and (problem := check(value)) and not _kept(info, value):
            raise _fail(problem, value=value)
        return value

    return parse


def choice(vocabulary: taxonomy.Vocabulary, required: bool = False, blank: Any = None) -> Callable[[Any], Any]:
    """A code of the vocabulary, given as its code or its English or Italian label."""

    def parse(value: Any) -> Any:
        value = _str(value)
        if not value:
            return _blank(required, blank)
        code = vocabulary.lookup(value)
        if code is None:
            raise _fail(N_("unknown value '%(value)s' (use one of: %(codes)s)"), value=value,
                        codes=", ".join(vocabulary.codes()))
        return code

    return parse


def choices(vocabulary: taxonomy.Vocabulary) -> Callable[[Any], list[str]]:
    """Codes of the vocabulary: a list, or one text separated by ; | or new lines."""

    def parse(value: Any) -> list[str]:
        items = value if isinstance(value, (list, tuple)) else LIST_SPLIT.split(_str(value))
        items = [_str(v) for v in items if _str(v)]
        codes = [vocabulary.lookup(v) for v in items]
        unknown = [v for v, c in zip(items, codes) if c is None]
        if unknown:
            raise _fail(N_("unknown value '%(value)s' (use one of: %(codes)s)"), value="', '".join(unknown),
                        codes=", ".join(vocabulary.codes()))
        return list(dict.fromkeys(codes))

    return parse


def flag(value: Any) -> bool:
    """Yes or no, in English or Italian (or a JSON boolean)."""
    if isinstance(value, bool):
        return value
    v = _str(value).lower()
    if v in TRUE:
        return True
    if v not in FALSE:
        raise _fail(N_("'%(value)s' is not yes/no"), value=value)
    return False


def amount(value: Any) -> int | None:
    """Whole euros: 250000, '250k', '1.5M', '€ 1.000.000', '1,000,000'; 0 to MAX_AMOUNT."""
    if isinstance(value, bool):
        raise _fail(N_("'%(value)s' is not an amount in euros"), value=value)
    if isinstance(value, int):
        euros = value
    else:
        v = _str(value).lower().replace("€", "").replace("eur", "").replace(" ", "").replace("'", "")
        if not v:
            return None
        euros = None
        if len(v) > AMOUNT_CHARS:  # far longer than any amount: no conversion of a 5,000-digit number
            raise _fail(N_("'%(value)s' is not an amount in euros"), value=_str(value))
        if v[-1] in "km" and re.fullmatch(r"[0-9]+([.,][0-9]+)?", v[:-1]):
            euros = int(round(Decimal(v[:-1].replace(",", ".")) * (1_000 if v[-1] == "k" else 1_000_000)))
        elif re.fullmatch(r"[0-9]{1,3}([.,][0-9]{3})+", v) or re.fullmatch(r"[0-9]+", v):
            euros = int(re.sub(r"[.,]", "", v))
        elif re.fullmatch(r"-[0-9]+", v):
            euros = int(v)
        if euros is None:
            raise _fail(N_("'%(value)s' is not an amount in euros"), value=_str(value))
    if euros < 0:
        raise _fail(N_("must not be negative"))
    if euros > MAX_AMOUNT:
        raise _fail(N_("must be at most %(limit)s euros"),
                    limit=format_decimal(MAX_AMOUNT, locale=get_locale() or "en"))
    return euros


def parse_trl(value: Any) -> int | None:
    """A technology readiness level, 1 to 9 ('4', 'TRL 4' or 4)."""
    v = _str(value).upper().removeprefix("TRL").strip()
    if not v or v == "NONE":
        return None
    if re.fullmatch(r"[1-9]", v):
        return int(v)
    raise _fail(N_("'%(value)s' is not a level from 1 to 9"), value=_str(value))


def parse_country(value: Any) -> str:
    v = _str(value).upper()
    if v and not re.fullmatch(r"[A-Z]{2}", v):
        raise _fail(N_("'%(value)s' is not a two-letter code such as IT"), value=_str(value))
    return v


def parse_website(value: Any) -> str:
    v = text(LIMITS["website"])(value, None)
    if v and not re.match(r"^https?://", v, re.IGNORECASE):
        v = "https://" + v
    if v and not URL_RE.match(v):
        raise _fail(N_("'%(value)s' is not a web address (https://...)"), value=_str(value))
    return v


def parse_region(value: Any) -> str:
    """An Italian region by its ISTAT name, in Italian or English ("Lombardy" is "Lombardia"); blank allowed."""
    value = _str(value)
    if not value:
        return ""
    region = taxonomy.REGIONS.lookup(value)
    if region is None:
        raise _fail(N_("'%(value)s' is not an Italian region (e.g. Lombardia)"), value=value)
    return region


# The common causes the e-mail validator names (in English), worded for the reader; others get no detail.
EMAIL_PROBLEMS = (("must have an @-sign", N_("there is no @")),
                  ("something after the @-sign", N_("nothing after the @")),
                  ("something before the @-sign", N_("nothing before the @")),
                  ("should have a period", N_("the part after the @ has no dot, as in example.it")),
                  ("invalid characters", N_("it has characters an address cannot have, such as spaces")),
                  ("two periods in a row", N_("two dots in a row")))


def parse_email(value: Any) -> str:
    v = text(LIMITS["contact_email"])(value, None)
    if not v:
        return ""
    try:
        return validate_email(v, check_deliverability=False).normalized
    except EmailNotValidError as exc:
        reason = next((gettext(r) for cause, r in EMAIL_PROBLEMS if cause in str(exc)), None)
        if reason is None:
            raise _fail(N_("'%(value)s' is not a valid e-mail address"), value=v) from None
        raise _fail(N_("'%(value)s' is not a valid e-mail address (%(reason)s)"), value=v, reason=reason) from None


def _v(parse: Callable[[Any], Any]) -> BeforeValidator:
    return BeforeValidator(parse)


def _t(field: str, **kwargs) -> BeforeValidator:
    return _v(text(LIMITS[field], **kwargs))


class ProfileSchema(BaseModel):
    """Every profile field and its rule; fields not given are left out of the result."""

    model_config = ConfigDict(extra="ignore")

    name: Annotated[str, _t("name", required=True)]
    external_id: Annotated[str | None, _t("external_id", blank=None)] = None
    kind: Annotated[str, _v(choice(taxonomy.KINDS, required=True))]
    sme: Annotated[bool, _v(flag)] = False
    city: Annotated[str, _t("city")] = ""
    region: Annotated[str, _v(parse_region)] = ""
    proximity: Annotated[str, _v(choice(taxonomy.PROXIMITY, blank="anywhere"))] = "anywhere"
    country: Annotated[str, _v(parse_country)] = ""
    website: Annotated[str, _v(parse_website)] = ""
    language: Annotated[str, _v(choice(taxonomy.LANGUAGES, blank="en"))] = "en"
    description: Annotated[str, _t("description")] = ""
    offer: Annotated[str, _t("offer")] = ""
    seek: Annotated[str, _t("seek")] = ""
    keywords: Annotated[str, _t("keywords")] = ""
    sectors: Annotated[list[str], _v(choices(taxonomy.SECTORS))] = []
    therapeutic_areas: Annotated[list[str], _v(choices(taxonomy.THERAPEUTIC_AREAS))] = []
    collaboration_types: Annotated[list[str], _v(choices(taxonomy.COLLABORATION_TYPES))] = []
    trl: Annotated[int | None, _v(parse_trl)] = None
    funding_stage: Annotated[str | None, _v(choice(taxonomy.FUNDING_STAGES))] = None
    funding_amount_sought: Annotated[int | None, _v(amount)] = None
    ticket_min: Annotated[int | None, _v(amount)] = None
    ticket_max: Annotated[int | None, _v(amount)] = None
    investor_stages: Annotated[list[str], _v(choices(taxonomy.FUNDING_STAGES))] = []
    investor_sectors: Annotated[list[str], _v(choices(taxonomy.SECTORS))] = []
    contact_name: Annotated[str, _t("contact_name")] = ""
    contact_email: Annotated[str, _v(parse_email)] = ""
    contact_phone: Annotated[str, _t("contact_phone", check=phone_problem)] = ""
    contact_public: Annotated[bool, _v(flag)] = False

    @field_validator("country")
    @classmethod
    def _italian_region_in_italy(cls, value: str, info: ValidationInfo) -> str:
        """An Italian region implies Italy: a blank country becomes IT, another country is refused."""
        region = info.data.get("region")
        if region and not value:
            return "IT"
        if region and value != "IT":
            raise _fail(N_("%(region)s is an Italian region: choose Italy, or leave the region blank"),
                        region=region)
        return value

    @field_validator("ticket_max")
    @classmethod
    def _tickets_in_order(cls, value: int | None, info: ValidationInfo) -> int | None:
        low = info.data.get("ticket_min")
        if value is not None and low is not None and value < low:
            raise _fail(N_("The largest ticket must not be smaller than the smallest."))
        return value


FIELDS = tuple(ProfileSchema.model_fields)


def validate_profile(raw: Mapping[str, Any], stored: Mapping[str, Any] | None = None
                     ) -> tuple[dict, dict[str, list[str]]]:
    """Clean values of the fields present in `raw`, and the error messages by field (empty when valid).
    `stored`: the profile's current values; a text left as it is passes even if longer than the limit."""
    try:
        profile = ProfileSchema.model_validate(dict(raw), context={"stored": stored or {}})
    except ValidationError as exc:
        errors: dict[str, list[str]] = {}
        for error in exc.errors(include_url=False):
            field = str(error["loc"][0]) if error["loc"] else "__all__"
            errors.setdefault(field, []).append(gettext(REQUIRED) if error["type"] == "missing" else error["msg"])
        return {}, errors
    data = profile.model_dump(include=profile.model_fields_set)
    if data.get("region") and "country" not in data and not (stored or {}).get("country"):
        data["country"] = "IT"  # a region without a country column: Italy (the validator above, when one is given)
    if profile.kind in SME_KINDS:
        data["sme"] = True
    elif profile.kind == "large_company":
        data["sme"] = False
    return data, {}
