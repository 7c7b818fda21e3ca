"""ORM models, one module per aggregate; import from here."""
from matchmaker.models.cordis import Participation, Project
from matchmaker.models.organisation import Organisation, OrganisationTag
from matchmaker.models.suggestion import Suggestion
from matchmaker.models.user import ROLES, Invitation, User

__all__ = ["Invitation", "Organisation", "OrganisationTag", "Participation", "Project", "ROLES", "Suggestion", "User"]
