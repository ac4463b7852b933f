"""The HTTP API under /api/v1: thin views over the store and the ingest layer."""

from timeline.api.views import bp

__all__ = ["bp"]
