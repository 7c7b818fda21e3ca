"""Turn one imported row (strings) into checked profile fields, or a list of reasons it is wrong."""
from __future__ import annotations

import re

from email_validator import EmailNotValidError, validate_email

from matchmaker import taxonomy
from matchmaker.services.regions import normalise_region

TRUE = {"1", "true", "yes", "y", "si", "sì", "vero", "x"}
FALSE = {"", "0", "false", "no", "n", "falso"}
LIST_SPLIT = re.compile(r"[;|\n]+")
LIST_VOCABULARIES = {
    "sectors": taxonomy.SECTORS, "therapeutic_areas": taxonomy.THERAPEUTIC_AREAS,
    "collaboration_types": taxonomy.COLLABORATION_TYPES, "investor_stages": taxonomy.FUNDING_STAGES,
    "investor_sectors": taxonomy.SECTORS,
}
TEXT_LIMITS = {"name": 255, "city": 120, "region": 120, "website": 255, "contact_name": 120,
               "contact_phone": 40, "external_id": 64}
LONG_TEXT = ("description", "offer", "seek", "keywords")


def _bool(value: str, field: str, errors: list[str]) -> bool:
    v = value.strip().lower()
    if v in TRUE:
        return True
    if v not in FALSE:
        errors.append(f"{field}: '{value}' is not yes/no")
    return False


def _amount(value: str, field: str, errors: list[str]) -> int | None:
    """'250k', '1.5M', '€ 1.000.000' -> whole euros."""
    v = value.strip().lower().replace("€", "").replace("eur", "").replace(" ", "").replace("'", "")
    if not v:
        return None
    factor = 1
    if v[-1] in "km":
        factor = 1_000 if v[-1] == "k" else 1_000_000
        v = v[:-1].replace(",", ".")
        try:
            return int(round(float(v) * factor))
        except ValueError:
            pass
    elif re.fullmatch(r"\d{1,3}([.,]\d{3})+", v) or v.isdigit():
        return int(re.sub(r"[.,]", "", v))
    errors.append(f"{field}: '{value}' is not an amount in euros")
    return None


def _choice(value: str, vocabulary: taxonomy.Vocabulary, field: str, errors: list[str]) -> str | None:
    if not value.strip():
        return None
    code = vocabulary.lookup(value)
    if code is None:
        errors.append(f"{field}: unknown value '{value}' (use one of: {', '.join(vocabulary.codes())})")
    return code


def parse_row(raw: dict[str, str]) -> tuple[dict, list[str]]:
    """Checked profile data for an organisation row, and the list of errors (empty when the row is good)."""
    errors: list[str] = []
    data: dict = {}
    if raw.get("__extra__"):
        errors.append("the row has more cells than the header has columns")
    name = raw.get("name", "").strip()
    if not name:
        errors.append("name: required")
    data["name"] = name
    data["external_id"] = raw.get("external_id", "").strip() or None
    kind = _choice(raw.get("kind", ""), taxonomy.KINDS, "kind", errors)
    if kind is None and not raw.get("kind", "").strip():
        errors.append("kind: required")
    data["kind"] = kind
    for field, limit in TEXT_LIMITS.items():
        if field in raw and len(raw[field]) > limit:
            errors.append(f"{field}: longer than {limit} characters")
    for field in ("city", "region", "website", "contact_name", "contact_phone", *LONG_TEXT):
        if field in raw:
            data[field] = raw[field].strip()
    if data.get("region") and (region := normalise_region(data["region"])) is None:
        errors.append(f"region: '{data['region']}' is not an Italian region (e.g. Lombardia)")
    elif data.get("region"):
        data["region"] = region
    if data.get("website") and not re.match(r"^https?://", data["website"]):
        data["website"] = "https://" + data["website"]
    if "country" in raw:
        country = raw["country"].strip().upper()
        if country and not re.fullmatch(r"[A-Z]{2}", country):
            errors.append(f"country: '{raw['country']}' is not a two-letter ISO code such as IT")
        data["country"] = country
    if "sme" in raw or kind in ("sme", "startup"):
        data["sme"] = _bool(raw.get("sme", ""), "sme", errors) or kind in ("sme", "startup")
    if "contact_public" in raw:
        data["contact_public"] = _bool(raw["contact_public"], "contact_public", errors)
    if raw.get("contact_email", "").strip():
        try:
            data["contact_email"] = validate_email(raw["contact_email"].strip(),
                                                   check_deliverability=False).normalized
        except EmailNotValidError as exc:
            errors.append(f"contact_email: {exc}")
    if raw.get("trl", "").strip():
        trl = raw["trl"].strip().upper().removeprefix("TRL").strip()
        if trl.isdigit() and 1 <= int(trl) <= 9:
            data["trl"] = int(trl)
        else:
            errors.append(f"trl: '{raw['trl']}' is not a level from 1 to 9")
    if "funding_stage" in raw:
        data["funding_stage"] = _choice(raw["funding_stage"], taxonomy.FUNDING_STAGES, "funding_stage", errors)
    if "language" in raw:
        data["language"] = _choice(raw["language"], taxonomy.LANGUAGES, "language", errors) or "en"
    for field in ("funding_amount_sought", "ticket_min", "ticket_max"):
        if field in raw:
            data[field] = _amount(raw[field], field, errors)
    if data.get("ticket_min") and data.get("ticket_max") and data["ticket_min"] > data["ticket_max"]:
        errors.append("ticket_min is larger than ticket_max")
    for field, vocabulary in LIST_VOCABULARIES.items():
        if field in raw:
            values = [v.strip() for v in LIST_SPLIT.split(raw[field]) if v.strip()]
            codes = [_choice(v, vocabulary, field, errors) for v in values]
            data[field] = [c for c in codes if c]
    return data, errors
