"""The HTTP API under /api/v1: thin views over the store and the ingest layer."""

from timeline.api import changes, exports  # noqa: F401  (they register their routes on bp)
from timeline.api.views import bp

__all__ = ["bp"]
