"""Forms of the events pages (CSRF through Flask-WTF)."""
from __future__ import annotations

import re
from functools import cache, lru_cache
from zoneinfo import available_timezones

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField, FileRequired
from wtforms import (BooleanField, DateField, DateTimeLocalField, IntegerField, RadioField, SelectField, StringField,
                     TextAreaField)
from wtforms.validators import (DataRequired, InputRequired, Length, NumberRange, Optional, Regexp, StopValidation,
                                ValidationError)

from matchmaker.form_base import AppForm
from matchmaker.imports.forms import MODE_CHOICES

CLOCK_TIME = r"(?:[01]?\d|2[0-3]):[0-5]\d"  # 00:00-23:59 ("24:00" or "9:75" would crash the slot grid)
CLOCK = rf"^{CLOCK_TIME}$"
CLOCK_MESSAGE = _l("Write the time as HH:MM, for example 09:30.")
SESSION_REFUSALS = {"session_backwards": _l("This session ends (%(end)s) before it starts (%(start)s): check the "
                                            "two times (swapped?)."),
                    "sessions_overlap": _l("The afternoon session starts (%(start)s) before the morning session ends "
                                           "(%(end)s)."),
                    "break_backwards": _l("The break %(start)s-%(end)s ends before it starts, or when it starts: "
                                          "check the two times."),
                    "break_outside": _l("The break %(start)s-%(end)s falls outside the sessions (%(sessions)s): it "
                                        "would leave out no slot.")}

TABLE_REFUSALS = {"table_link_not_web": _l("The link of “%(name)s” is not a web address: write it as https://…"),
                  "table_name_twice": _l("Two tables are named “%(name)s”: give each table a name of its own.")}


def clock():
    """A session time's rule, with a message that says how to write it."""
    return Regexp(CLOCK, message=CLOCK_MESSAGE)


def whole(low: int, high: int):
    """A whole number from `low` to `high`, with one message whatever is wrong: letters typed would otherwise get
    WTForms' "not a whole number" and then the range's message about the same value."""
    message = _l("Enter a whole number from %(min)s to %(max)s.", min=low, max=high)
    in_range = NumberRange(low, high, message=message)

    def check(form, field) -> None:
        if field.process_errors:  # unreadable: this one message instead of the parser's and the range's
            field.errors[:] = []
            raise StopValidation(message)
        in_range(form, field)

    return check


class EventForm(AppForm):
    """An event's settings; the slot grid is generated from days, sessions, slot length and breaks."""

    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200)])
    description = TextAreaField(_l("Description"), validators=[Optional(), Length(max=5000)])
    venue = StringField(_l("Venue"), validators=[Optional(), Length(max=200)])
    time_zone = SelectField(_l("Time zone"), default="Europe/Rome", choices=lambda: zone_choices(),
                            validate_choice=False, validators=[DataRequired()])  # our message, in the reader's language
    first_day = DateField(_l("First day"), validators=[InputRequired()])  # typed but unreadable: "Enter a valid date"
    days = IntegerField(_l("Number of days"), default=1, validators=[whole(1, 5)])
    am_start = StringField(_l("Morning session starts"), default="09:00", validators=[clock()])
    am_end = StringField(_l("Morning session ends"), default="13:00", validators=[clock()])
    pm_start = StringField(_l("Afternoon session starts"), default="14:00", validators=[Optional(), clock()])
    pm_end = StringField(_l("Afternoon session ends"), default="17:20",  # ten 20-minute slots, filled
                         validators=[Optional(), clock()])
    breaks = StringField(_l("Breaks within a session (e.g. 10:40-11:00, 15:40-16:00; lunch is the time between the "
                            "sessions)"), validators=[Optional(), Length(max=200)])
    slot_minutes = IntegerField(_l("Slot length (minutes)"), default=20, validators=[whole(5, 240)])
    tables = TextAreaField(_l("Tables: a number, or one name per line (add '| link' for a virtual room)"),
                           default="20", validators=[DataRequired(), Length(max=20000)])
    max_meetings = IntegerField(_l("Maximum meetings per participant"), validators=[Optional(), whole(1, 100)])
    request_quota = IntegerField(_l("Request quota per participant"), validators=[Optional(), whole(1, 500)])
    request_deadline = DateTimeLocalField(_l("Request deadline (event time)"), format="%Y-%m-%dT%H:%M",
                                          validators=[Optional()])

    def validate_time_zone(self, field) -> None:
        if not known_zone(field.data):
            raise ValidationError(_l("Unknown time zone."))

    def validate_breaks(self, field) -> None:
        if field.data and parse_breaks(field.data) is None:
            raise ValidationError(_l("Write breaks as HH:MM-HH:MM, separated by commas."))

    def validate_tables(self, field) -> None:
        """At least one table ("0" made an event where nobody could meet), each with its own name (agendas, badges
        and exports name them), a virtual room's link a web address (participants open it)."""
        from matchmaker.services.events_rules import table_problem

        rows = parse_tables(field.data or "")
        if field.data and not rows:
            raise ValidationError(_l("At least one table: a number from 1, or one name per line."))
        problem = table_problem(rows)
        if problem is not None:
            raise ValidationError(TABLE_REFUSALS[problem[0]] % problem[1])

    def validate(self, extra_validators=None) -> bool:
        """The fields' own rules, then the sessions' order, then the breaks against the sessions, each refusal on
        its field (the typing stays)."""
        from matchmaker.services.events_dates import break_problem, session_problems

        valid = super().validate(extra_validators)
        times = [getattr(self, name, None) for name in ("am_start", "am_end", "pm_start", "pm_end")]
        if None in times or any(field.errors for field in times):
            return valid
        am, pm = (times[0].data, times[1].data), (times[2].data, times[3].data)
        afternoon = pm if pm[0] and pm[1] else None
        problems = session_problems(am, afternoon)
        if not problems and self.breaks.data and not self.breaks.errors:
            found = break_problem(parse_breaks(self.breaks.data) or [], [am] + ([afternoon] if afternoon else []))
            problems = {"breaks": found} if found else {}
        for name, (code, params) in problems.items():
            getattr(self, name).errors = [*getattr(self, name).errors, SESSION_REFUSALS[code] % params]
        return valid and not problems


class SettingsForm(AppForm):
    """What may change once the grid exists."""

    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200)])
    description = TextAreaField(_l("Description"), validators=[Optional(), Length(max=5000)])
    venue = StringField(_l("Venue"), validators=[Optional(), Length(max=200)])
    max_meetings = IntegerField(_l("Maximum meetings per participant"), validators=[Optional(), whole(1, 100)])
    request_quota = IntegerField(_l("Request quota per participant"), validators=[Optional(), whole(1, 500)])
    request_deadline = DateTimeLocalField(_l("Request deadline (event time)"), format="%Y-%m-%dT%H:%M",
                                          validators=[Optional()])
    time_zone = SelectField(_l("Time zone"), choices=lambda: zone_choices(), validate_choice=False,
                            validators=[Optional()],  # not sent: unchanged
                            description=_l("Correcting it keeps the clock times of the slots (09:00 stays 09:00, in "
                                           "the new zone). It cannot change once the agenda is published."))
    status = SelectField(_l("Status"), description=_l("Publish the agenda from the Schedule page. Once it is "
                                                      "published, the event can only be closed (or reopened): "
                                                      "going back would hide the agenda from the participants."))
    confirm_call_off = BooleanField(_l("Yes, call the event off"), description=_l(
        "Needed only to close the event before it starts: closing then calls it off, tells every participant and "
        "cancels their meetings in their calendars."))

    validate_time_zone = EventForm.validate_time_zone


class GridForm(EventForm):
    """The slot grid and tables of an existing event (the grid only while no meeting is placed)."""

    name = description = venue = time_zone = max_meetings = request_quota = request_deadline = None


class ParticipantForm(AppForm):
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=120)])
    email = StringField(_l("E-mail"), validators=[Optional(), Length(max=254)])
    organisation = StringField(_l("Organisation (its name in the directory)"), validators=[Optional()],
                               description=_l("Type part of its name and choose a suggestion; leave empty for none."))


class ImportForm(AppForm):
    file = FileField(_l("CSV or XLSX file (columns: name, email, organisation)"), validators=[FileRequired()])
    mode = RadioField(_l("If some rows are wrong"), choices=MODE_CHOICES, default="good")  # as the directory's


# Where the cluster's events take place: first in the select, the cluster's own zone at the top.
COMMON_ZONES = ("Europe/Rome", "Europe/London", "Europe/Paris", "Europe/Berlin", "Europe/Madrid", "Europe/Zurich",
                "Europe/Brussels", "Europe/Amsterdam", "Europe/Vienna", "Europe/Dublin", "Europe/Lisbon",
                "Europe/Athens", "Europe/Warsaw", "Europe/Stockholm")


@cache
def _zones() -> tuple[str, ...]:
    """The select's IANA zones: without aliases, legacy names and Etc/ (UTC is offered on its own)."""
    from babel.core import get_global

    aliases = get_global("zone_aliases")
    return tuple(sorted(z for z in available_timezones()
                        if "/" in z and z not in aliases and not z.startswith(("Etc/", "SystemV/"))))


def known_zone(name: str) -> bool:
    """One of the select's zones, or an alias of one (US/Eastern); not a name like 'Factory' that no page can word."""
    from babel.core import get_global

    offered = {"UTC", *_zones()}
    return name in offered or get_global("zone_aliases").get(name) in offered


def zone_choices(day=None) -> dict[str, list[tuple[str, str]]]:
    """The IANA time zones this machine knows (zoneinfo), worded as the event pages word them ('London time
    (GMT)', 'ora di Londra (GMT)', with the abbreviations in force on `day`, the event's first day: CEST for a
    May event; today when None), in two groups of the event form's select (<optgroup>s): the usual ones (the
    common European zones, Europe/Rome at the top, and UTC), then the rest sorted by that wording (aliases still
    validate: known_zone)."""
    from datetime import date

    from flask_babel import get_locale
    from flask_babel import gettext as _

    choices = _zone_choices(str(get_locale() or "en"), day or date.today())
    usual = choices.index(("UTC", "UTC")) + 1  # the common zones, then UTC
    return {_("Usual time zones"): choices[:usual], _("Other time zones"): choices[usual:]}


@lru_cache(maxsize=64)  # per language and event day
def _zone_choices(locale: str, day) -> list[tuple[str, str]]:
    """The choices in `locale` (the request's) with the abbreviations in force on `day` (at noon UTC)."""
    from datetime import datetime, time, timezone

    from matchmaker.events.times import zone_name

    noon = datetime.combine(day, time(12), tzinfo=timezone.utc)
    labelled = {zone: zone_name(zone, noon) for zone in _zones()}
    common = [(zone, labelled[zone]) for zone in COMMON_ZONES if zone in labelled]
    rest = sorted(((z, label) for z, label in labelled.items() if z not in COMMON_ZONES),
                  key=lambda choice: (choice[1].casefold(), choice[0]))
    return common + [("UTC", "UTC")] + rest


def parse_breaks(text: str) -> list[tuple[str, str]] | None:
    """'10:40-11:00, 15:40-16:00' -> [("10:40", "11:00"), ...]; None when malformed."""
    import re

    result = []
    for part in filter(None, (p.strip() for p in text.split(","))):
        match = re.fullmatch(rf"({CLOCK_TIME})\s*-\s*({CLOCK_TIME})", part)
        if not match:
            return None
        result.append((match.group(1), match.group(2)))
    return result


def grid_defaults(event) -> dict:
    """The grid form's fields as the event stands (from the settings its slots were generated from)."""
    from datetime import date

    grid = event.grid or {}
    days, sessions = grid.get("days") or [], dict((s[0], s[1:]) for s in grid.get("sessions") or [])
    plain = all(not t.virtual and t.name == str(t.index + 1) for t in event.tables)
    return {"first_day": date.fromisoformat(days[0]) if days else None, "days": len(days) or 1,
            "am_start": sessions.get("am", ["", ""])[0], "am_end": sessions.get("am", ["", ""])[1],
            "pm_start": sessions.get("pm", ["", ""])[0], "pm_end": sessions.get("pm", ["", ""])[1],
            "breaks": ", ".join(f"{a}-{b}" for a, b in grid.get("breaks") or []), "slot_minutes": event.slot_minutes,
            "tables": str(len(event.tables)) if plain else "\n".join(
                f"{t.name} | {t.link}" if t.virtual else t.name for t in event.tables)}


URL_IN_LINE = re.compile(r"^(.*?)\s*(https?://\S+)\s*$", re.IGNORECASE)


def parse_tables(text: str) -> list[tuple[str, bool, str]]:
    """A count ("20") or one name per line, "name | link" (or "name https://…") for a virtual room."""
    text = text.strip()
    if text.isdigit():
        return [(str(i + 1), False, "") for i in range(min(int(text), 500))]
    rows = []
    for line in filter(None, (line.strip() for line in text.splitlines())):
        name, sep, link = (part.strip() for part in line.partition("|"))
        bare = None if sep else URL_IN_LINE.match(line)  # "Virtual 1 https://…" without "|": a virtual room too
        if bare:
            name, link = bare.group(1).strip() or f"{len(rows) + 1}", bare.group(2)
        rows.append((name[:80], bool(link), link[:500]))
    return rows
