"""The page at `/`: the stored timeline drawn with vis-timeline (vendored under static/vendor).

The page is static HTML and one script; everything it shows comes from the API
(`/api/v1/timeline?format=vis` for the visible window, `/api/v1/events/<id>` for an event's
excerpt), so the embed is the same page in an iframe, with `?embed=1` to drop the header.
"""

from __future__ import annotations

from flask import Blueprint, render_template, request

bp = Blueprint("web", __name__)

VIS_VERSION = "8.5.4"  # timeline/static/vendor/vis-timeline/, from the npm package of this version


@bp.get("/")
def index() -> str:
    return render_template("timeline.html", embed=request.args.get("embed") == "1",
                           vis_version=VIS_VERSION)
