"""ORM models, one module per aggregate; import from here."""
from matchmaker.models.api_token import ApiToken
from matchmaker.models.audit import AuditEntry
from matchmaker.models.cordis import Participation, Project
from matchmaker.models.data_stamp import DataStamp
from matchmaker.models.engine import EngineChange, EngineSnapshot
from matchmaker.models.event import Event, EventOrganiser, EventParticipant, EventSlot, EventTable, Unavailability
from matchmaker.models.event_day import CheckIn, NoShow
from matchmaker.models.event_followup import FeedbackAsk, MeetingFeedback
from matchmaker.models.event_meeting import Meeting, MeetingRequest, MeetingSeat, Precedence
from matchmaker.models.job import Job
from matchmaker.models.membership import JoinRequest
from matchmaker.models.message import Conversation, ConversationSide, Message
from matchmaker.models.notification import Notification
from matchmaker.models.organisation import Organisation, OrganisationTag
from matchmaker.models.review import Connection, Feedback, FeedbackEvent, Interest
from matchmaker.models.suggestion import Suggestion
from matchmaker.models.user import ROLES, Invitation, User

__all__ = ["ApiToken", "AuditEntry", "CheckIn", "Connection", "Conversation", "ConversationSide", "DataStamp",
           "EngineChange", "EngineSnapshot", "Event", "EventOrganiser", "EventParticipant", "EventSlot", "EventTable",
           "Feedback", "FeedbackAsk", "FeedbackEvent", "Interest", "Invitation", "Job", "JoinRequest", "Meeting",
           "MeetingFeedback", "MeetingRequest", "MeetingSeat", "Message", "NoShow", "Notification", "Organisation",
           "OrganisationTag", "Participation", "Precedence", "Project", "ROLES", "Suggestion", "Unavailability",
           "User"]
