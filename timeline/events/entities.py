"""Who and where: actors ("North Korean troops", "Admiral Rob Bauer") and places ("Kursk region").

Capitalised runs are read against the gazetteer: a place, a nationality word followed by a group noun
("Ukrainian forces"), or otherwise a name (person, organisation). Lower-case group nouns ("police",
"civilians") are actors too.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from timeline.events.gazetteer import Name, lengths_by_first_word, lookup
from timeline.events.lexicon import triggers, word_set, words
from timeline.events.text import Token

_CONNECTORS = frozenset({"of", "for", "the", "de", "al", "bin", "von", "van", "and"})
_POSSESSIVE = ("'s", "’s", "s'", "s’")
_COMPASS = frozenset({"North", "South", "East", "West", "Northern", "Southern", "Eastern", "Western", "Central",
                      "Northeast", "Northwest", "Southeast", "Southwest", "Upper", "Lower"})


@dataclass(frozen=True, slots=True)
class Entity:
    kind: str  # "actor" or "place"
    text: str
    start: int
    end: int


@cache
def _group_nouns() -> dict[tuple[str, ...], int]:
    return {tuple(g.split()): len(g.split()) for g in words("group_nouns")}


@cache
def _group_starts() -> frozenset[str]:
    """First words of the group nouns: most tokens are none, and need no further look."""
    return frozenset(key[0] for key in _group_nouns())


def _bare(tok: Token) -> str:
    text = tok.text.replace("’", "'")
    return text[:-2] if text.endswith("'s") else text.rstrip(".")


def _run_end(tokens: list[Token], i: int) -> int:
    """Index after a run of capitalised tokens starting at i; a possessive ends the run."""
    j = i
    while j < len(tokens):
        tok = tokens[j]
        if tok.capitalized:
            j += 1
            if tok.text.endswith(_POSSESSIVE):
                break
        elif tok.lower in _CONNECTORS and j + 1 < len(tokens) and tokens[j + 1].capitalized and j > i \
                and tokens[j + 1].start - tok.end <= 1:
            j += 1
        else:
            break
        if j < len(tokens) and tokens[j].start - tokens[j - 1].end > 1:
            break  # punctuation between the words
    while j > i + 1 and tokens[j - 1].lower in _CONNECTORS:
        j -= 1
    return j


def _match(tokens: list[Token], i: int, end: int) -> tuple[int, Name] | None:
    table = lookup()
    first = _bare(tokens[i])
    for size in lengths_by_first_word().get(first, ()):
        if size <= end - i:
            name = table.get((first, *map(_bare, tokens[i + 1:i + size])))
            if name is not None:
                return size, name
    return None


def _group_after(tokens: list[Token], j: int, joined: bool = True) -> int:
    """How many tokens from j form a group noun ("troops", "military", "air force"), allowing one adjective
    ("special forces") but no determiner or trigger word ("Pyongyang sent troops"). `joined`: the group
    continues the name just before j, so only a space may separate them."""
    starts = _group_starts()
    n = len(tokens)
    if not (j < n and tokens[j].lower in starts or j + 1 < n and tokens[j + 1].lower in starts):
        return 0
    groups = _group_nouns()
    determiners = word_set("determiners")
    table = triggers()
    for skip in (0, 1):
        for size in (2, 1):
            span = tokens[j:j + skip + size]
            key = tuple(t.lower for t in span[skip:])
            if len(key) != size or key not in groups or any(t.capitalized for t in span[skip:] if t is not tokens[j]):
                continue
            if skip and (span[0].capitalized or span[0].lower in determiners or (span[0].lower,) in table):
                continue
            chain = [tokens[j - 1], *span] if joined and j > 0 else span
            if all(b.start - a.end == 1 for a, b in zip(chain, chain[1:], strict=False)):
                return skip + size
    return 0


def find_entities(text: str, tokens: list[Token], sentence_starts: frozenset[int],
                  blocked: list[bool]) -> list[Entity]:
    not_names = word_set("not_names")
    titles = word_set("titles")
    regions = word_set("region_words")
    group_starts = _group_starts()
    groups = _group_nouns()
    out: list[Entity] = []
    i, n = 0, len(tokens)
    while i < n:
        tok = tokens[i]
        if blocked[i]:
            i += 1
            continue
        if not tok.capitalized or (tok.start in sentence_starts and (tok.lower,) in groups):
            size = _group_after(tokens, i, joined=False) if tok.lower in group_starts and (tok.lower,) in groups \
                else 0
            if size:
                stop = tokens[i + size - 1].end
                out.append(Entity("actor", text[tok.start:stop], tok.start, stop))
                i += size
            else:
                i += 1
            continue
        end = max(_run_end(tokens, i), i + 1)
        while i < end and (tokens[i].text in not_names or tokens[i].lower in _CONNECTORS):
            i += 1
        if i == end:
            continue
        out.extend(_read_run(text, tokens, i, end, sentence_starts, titles, regions))
        i = end + _group_tail(out, text, tokens, end)
    return _without_givers(text, tokens, out)


def _without_givers(text: str, tokens: list[Token], found: list[Entity]) -> list[Entity]:
    """"cutting US military support to Ukraine": a name right before what is given (support, aid) says what
    kind of aid it is; it neither acts in nor suffers the event, so it is no actor. Followed by a name or a
    determiner the word is a verb ("Western governments support Ukraine") and the name its subject."""
    given = word_set("given_nouns")
    if not any(f" {w}" in text for w in given):  # substring tests in C: most texts have none
        return found
    determiners = word_set("determiners")
    ends = {a.end for a, b, c in zip(tokens, tokens[1:], [*tokens[2:], None], strict=False)
            if b.lower in given and not b.capitalized and b.start == a.end + 1
            and not (c is not None and (c.capitalized or c.lower in determiners))}
    if not ends:
        return found
    return [e for e in found if not (e.kind == "actor" and e.end in ends)]


def _group_tail(out: list[Entity], text: str, tokens: list[Token], end: int) -> int:
    """Extend a trailing nationality/place actor with its group noun: "North Korean" + "troops"."""
    if not out or out[-1].end != tokens[end - 1].end or tokens[end - 1].text.endswith(_POSSESSIVE):
        return 0
    size = _group_after(tokens, end)
    if not size:
        return 0
    last = out.pop()
    stop = tokens[end + size - 1].end
    out.append(Entity("actor", text[last.start:stop], last.start, stop))
    return size


def _named_again(tokens: list[Token], i: int) -> bool:
    """A capitalised first word is a name if it speaks ("Zelensky said") or is capitalised elsewhere too."""
    tok = tokens[i]
    if i + 1 < len(tokens) and tokens[i + 1].lower in word_set("speech_verbs"):
        return True
    return any(t.text == tok.text for k, t in enumerate(tokens) if k != i)


def _read_run(text: str, tokens: list[Token], i: int, end: int, sentence_starts: frozenset[int],
              titles: frozenset[str], regions: frozenset[str]) -> list[Entity]:
    first = _match(tokens, i, end)
    start, stop = tokens[i].start, tokens[end - 1].end
    if tokens[end - 1].text.endswith(_POSSESSIVE):
        stop -= 2
    span_text = text[start:stop]
    compass = tokens[i].text in _COMPASS and end - i > 1 and _match(tokens, i + 1, end)
    if compass and compass[0] == end - i - 1 and compass[1].kind == "place":
        first = (end - i, compass[1])  # "West Texas", "Northern Gaza"
    if first is not None and first[0] == end - i:
        name = first[1]
        if name.kind == "place":
            after = tokens[end] if end < len(tokens) else None
            if after is not None and after.lower in regions and not tokens[end - 1].text.endswith(_POSSESSIVE):
                return [Entity("place", text[start:after.end], start, after.end)]
            before = tokens[i - 1].lower if i > 0 else ""
            speaks = after is not None and after.lower in word_set("speech_verbs")
            return [Entity("actor" if before == "by" or speaks else "place", span_text, start, stop)]
        if name.plural:
            return [Entity("actor", span_text, start, stop)]
        return [Entity("demonym", span_text, start, stop)]
    if first is not None and first[1].kind == "place" and tokens[i + first[0]].text[0].isupper() \
            and tokens[i + first[0]].lower in regions:
        return [Entity("place", span_text, start, stop)]
    if end - i == 1:
        tok = tokens[i]
        initial = tok.start in sentence_starts and not tok.text.isupper()
        if tok.text in titles or (initial and not _named_again(tokens, i)):
            return []
    return [Entity("actor", span_text, start, stop)]
