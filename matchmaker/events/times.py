"""Event times and time zones in the reader's language: a stored UTC moment in the event's zone, a zone as people
name it ("Rome time (CEST)"), day names from Babel."""
from __future__ import annotations

from flask_babel import gettext

from matchmaker.models._common import as_utc


def localtime(moment, zone: str, fmt: str = "datetime") -> str:
    """A stored UTC time shown in the event's time zone and the reader's language: fmt is 'datetime' (Wed, May
    12, 2027, 09:00 / mer 12 mag 2027, 09:00), 'date' (Wed, May 12, 2027), 'time' (09:00), 'day' (Sat 27 Mar),
    or a strftime pattern (machine formats such as ISO 8601). 'datetime' is i18n.moment_text, the one format of
    every page."""
    from zoneinfo import ZoneInfo

    from matchmaker.i18n import DATE_SKELETON, moment_text

    if moment is None:
        return ""
    moment = as_utc(moment).astimezone(ZoneInfo(zone))
    if "%" in fmt:
        return weekday(moment, fmt)
    from babel.dates import format_skeleton

    if fmt == "time":
        return f"{moment:%H:%M}"
    if fmt == "day":  # the grid's column day: sab 27 mar / Sat 27 Mar
        from babel.dates import format_date
        from flask_babel import get_locale

        return format_date(moment.date(), "EEE d MMM", locale=get_locale())
    if fmt == "date":
        return format_skeleton(DATE_SKELETON, moment, locale=_locale())
    return moment_text(moment, _locale())


def time_today(moment, zone: str, now) -> str:
    """A moment as its time alone when it falls on `now`'s day in the event's zone ("09:05"), else with its date
    ("Tue, Mar 9, 2027, 18:40"): an arrival yesterday is not read as one today."""
    from zoneinfo import ZoneInfo

    if moment is None:
        return ""
    same = as_utc(moment).astimezone(ZoneInfo(zone)).date() == as_utc(now).astimezone(ZoneInfo(zone)).date()
    return localtime(moment, zone, "time" if same else "datetime")


def localrange(start, end, zone: str) -> str:
    """From start to end in the event's zone and the reader's language; the day once when both fall on it."""
    from zoneinfo import ZoneInfo

    same_day = start is not None and end is not None and as_utc(start).astimezone(ZoneInfo(zone)).date() == \
        as_utc(end).astimezone(ZoneInfo(zone)).date()
    return f"{localtime(start, zone)}–{localtime(end, zone, 'time')}" if same_day else \
        f"{localtime(start, zone)} – {localtime(end, zone)}"


def zone_label(event) -> str:
    """The event's time zone as people say it: 'Rome time (CET)' / 'ora di Roma (CET)' (the abbreviation of its
    days), not the raw 'Europe/Rome'; an event whose days span a summer-time switch names both, 'Rome time
    (CET/CEST)', and each day says its own (day_zone)."""
    both = abbreviations(event)
    return zone_name(event.time_zone, event.slots[0].starts_at if event.slots else None,
                     "/".join(both) if len(both) > 1 else None)


def abbreviations(event) -> list[str]:
    """The zone abbreviations of the event's slots, in order of first use (two when it spans a summer-time switch)."""
    from zoneinfo import ZoneInfo

    zone = ZoneInfo(event.time_zone)
    return list(dict.fromkeys(as_utc(slot.starts_at).astimezone(zone).tzname() for slot in event.slots))


def day_zone(moment, event) -> str:
    """The abbreviation in force at `moment` in the event's zone ("CEST") when the event spans a summer-time switch
    (each day says its own), else "" (the page's one zone label says it)."""
    from zoneinfo import ZoneInfo

    if moment is None or len(abbreviations(event)) < 2:
        return ""
    return as_utc(moment).astimezone(ZoneInfo(event.time_zone)).tzname()


def zone_name(zone_id: str, moment=None, abbreviation: str | None = None) -> str:
    """A time zone as the event pages name it: 'London time (GMT)', with the abbreviation in force at `moment`
    (now when None) unless `abbreviation` is given; 'UTC' for UTC; the IANA name for a zone Babel cannot place."""
    from datetime import datetime, timezone
    from zoneinfo import ZoneInfo

    from babel.dates import get_timezone_location

    if zone_id in ("UTC", "Etc/UTC"):
        return "UTC"
    moment = moment or datetime.now(timezone.utc)
    abbreviation = abbreviation or as_utc(moment).astimezone(ZoneInfo(zone_id)).tzname()
    try:
        city = get_timezone_location(zone_id, locale=_locale(), return_city=True)
    except LookupError:  # a zone Babel cannot place (one saved before the form checked it): its IANA name
        return zone_id
    return gettext("%(city)s time (%(abbreviation)s)", city=city, abbreviation=abbreviation)


def viewer_zone() -> str:
    """The zone the site shows times in outside events (the viewer's, by default the cluster's), named."""
    from flask_babel import get_timezone

    return zone_name(str(get_timezone()))


def _locale():
    from flask_babel import get_locale

    return get_locale() or "en"


def weekday(moment, fmt: str) -> str:
    """strftime with %a as the abbreviated day name in the reader's language (Babel), not the C locale's."""
    if "%a" in fmt:
        from babel.dates import format_date
        from flask_babel import get_locale

        fmt = fmt.replace("%a", format_date(moment.date(), "EEE", locale=get_locale()).replace("%", "%%"))
    return moment.strftime(fmt)
