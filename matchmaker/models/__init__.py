"""ORM models, one module per aggregate; import from here."""
from matchmaker.models.api_token import ApiToken
from matchmaker.models.audit import AuditEntry
from matchmaker.models.cordis import Participation, Project
from matchmaker.models.engine import EngineChange, EngineSnapshot
from matchmaker.models.job import Job
from matchmaker.models.notification import Notification
from matchmaker.models.organisation import Organisation, OrganisationTag
from matchmaker.models.review import Connection, Feedback, FeedbackEvent, Interest
from matchmaker.models.suggestion import Suggestion
from matchmaker.models.user import ROLES, Invitation, User

__all__ = ["ApiToken", "AuditEntry", "Connection", "EngineChange", "EngineSnapshot", "Feedback", "FeedbackEvent",
           "Interest", "Invitation", "Job", "Notification", "Organisation", "OrganisationTag", "Participation",
           "Project", "ROLES", "Suggestion", "User"]
