"""Background jobs on Huey: a `Job` row per unit of long work, run by `flask jobs worker`."""
from matchmaker.jobs.runner import JobCancelled, Progress, enqueue, handler
from matchmaker.jobs.status import cancel, live, reap_stale

__all__ = ["JobCancelled", "Progress", "cancel", "enqueue", "handler", "live", "reap_stale"]
