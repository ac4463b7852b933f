"""Dating undated excerpts: estimate when a text was written from what it says.

Pure functions: no Flask, no SQL, no clock. See estimate.estimate and anchors.json.
"""

from timeline.dating.estimator import Estimate, estimate

__all__ = ["Estimate", "estimate"]
