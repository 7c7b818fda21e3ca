"""ORM models, one module per aggregate; import from here."""
from matchmaker.models.cordis import Participation, Project
from matchmaker.models.engine import EngineChange, EngineSnapshot
from matchmaker.models.event import Event, EventOrganiser, EventParticipant, EventSlot, EventTable, Unavailability
from matchmaker.models.event_meeting import Meeting, MeetingRequest, MeetingSeat, Precedence
from matchmaker.models.job import Job
from matchmaker.models.organisation import Organisation, OrganisationTag
from matchmaker.models.suggestion import Suggestion
from matchmaker.models.user import ROLES, Invitation, User

__all__ = ["EngineChange", "EngineSnapshot", "Event", "EventOrganiser", "EventParticipant", "EventSlot", "EventTable",
           "Invitation", "Job", "Meeting", "MeetingRequest", "MeetingSeat", "Organisation", "OrganisationTag",
           "Participation", "Precedence", "Project", "ROLES", "Suggestion", "Unavailability", "User"]
