"""The events blueprint: organisers run a partnering day, participants register, request and see their agenda."""
from flask import Blueprint

from matchmaker import count_wording
from matchmaker.events.times import (day_zone, localrange, localtime, time_today, viewer_zone, weekday, zone_label,
                                     zone_name)
from matchmaker.services.events_agenda import table_label

bp = Blueprint("events", __name__, url_prefix="/events")
bp.add_app_template_filter(localtime, "localtime")
bp.add_app_template_filter(weekday, "weekday")
bp.add_app_template_filter(zone_label, "zone_label")
bp.add_app_template_filter(day_zone, "day_zone")
bp.add_app_template_filter(table_label, "table_label")
bp.add_app_template_global(localrange, "localrange")
bp.add_app_template_global(time_today, "time_today")
bp.add_app_template_global(zone_name, "zone_name")
bp.add_app_template_global(viewer_zone, "viewer_zone")
bp.add_app_template_global(count_wording, "count_wording")

# importing the view modules registers their views
from matchmaker.events import checkin, day, followup, organiser, participant, people, schedule  # noqa: E402,F401
from matchmaker.events import badges  # noqa: E402,F401
