"""Full-text search for the PostgreSQL store, answering as SQLite's FTS5 does.

Both engines must return the same events for the same `q`. So the text is tokenised here,
in Python, the way FTS5's unicode61 tokenizer does it (letters and digits, lower case,
diacritics removed), and stored as a `simple` tsvector of those tokens; and the FTS5 query
syntax the API documents (words, "phrases", prefix*, AND / OR / NOT, parentheses) is
translated into a tsquery of the same tokens. Both are written as tsvector / tsquery literals
(no text-search parser on the server side, whose idea of a letter depends on the locale).
What FTS5 refuses, this refuses too, as QueryError; column filters and NEAR are refused
here (a QueryError that says so).
"""

from __future__ import annotations

import re
import unicodedata

from timeline.store.sqlite import QueryError

_TOKEN = re.compile(r"[^\W_]+")
_LEXER = re.compile(r'\s+|"(?:[^"]|"")*"|[()*+]|[^\W_]+|.', re.S)
_OPERATORS = {"AND", "OR", "NOT"}


def tokens(text: str) -> list[str]:
    """FTS5 unicode61 (remove_diacritics 2) tokens of `text`."""
    if not text.isascii():  # ASCII has nothing to decompose (most text: the fast way)
        text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return _TOKEN.findall(text.lower())


_MAX_POS = 16383  # tsvector positions stop here
_MAX_POSITIONS = 256  # positions kept per lexeme


def tsvector_text(*columns: str | None) -> str:
    """A tsvector literal of the columns' tokens with their positions; a gap between columns
    keeps a phrase from matching across two of them, as in FTS5."""
    places: dict[str, list[int]] = {}
    position = 0
    for column in columns:
        for token in tokens(column) if column else ():
            position += 1
            at = position if position < _MAX_POS else _MAX_POS  # positions stop at the last
            kept = places.get(token)
            if kept is None:
                places[token] = [at]
            elif kept[-1] != at and len(kept) < _MAX_POSITIONS:
                kept.append(at)
        position += 1
    return " ".join(f"'{t}':{ps[0]}" if len(ps) == 1 else f"'{t}':{','.join(map(str, ps))}"
                    for t, ps in places.items())


class _Parser:
    """Recursive descent over FTS5's grammar: OR < AND < NOT < implicit AND < phrase."""

    def __init__(self, text: str) -> None:
        self.items = [m.group() for m in _LEXER.finditer(text) if not m.group().isspace()]
        self.at = 0

    def fail(self, why: str) -> QueryError:
        return QueryError(f"search query not understood ({why}); put the words in double quotes")

    def peek(self) -> str | None:
        return self.items[self.at] if self.at < len(self.items) else None

    def take(self) -> str:
        item = self.items[self.at]
        self.at += 1
        return item

    def parse(self) -> str:
        if not self.items:
            raise self.fail("empty query")
        tree = self.or_expr()
        if self.peek() is not None:
            raise self.fail(f"unexpected {self.peek()!r}")
        return tree

    def or_expr(self) -> str:
        parts = [self.and_expr()]
        while self.peek() == "OR":
            self.take()
            parts.append(self.and_expr())
        return parts[0] if len(parts) == 1 else "(" + " | ".join(parts) + ")"

    def and_expr(self) -> str:
        parts = [self.not_expr()]
        while self.peek() == "AND":
            self.take()
            parts.append(self.not_expr())
        return parts[0] if len(parts) == 1 else "(" + " & ".join(parts) + ")"

    def not_expr(self) -> str:
        tree = self.sequence()
        while self.peek() == "NOT":
            self.take()
            tree = f"({tree} & !{self.sequence()})"
        return tree

    def sequence(self) -> str:
        """A parenthesised group, or phrases side by side (FTS5's implicit AND, which binds
        tighter than NOT and is not allowed next to a parenthesis)."""
        item = self.peek()
        if item is None:
            raise self.fail("the query ends too early")
        if item == "(":
            self.take()
            tree = self.or_expr()
            if self.peek() != ")":
                raise self.fail("unbalanced parentheses")
            self.take()
            if self.peek() not in {None, ")", "AND", "OR", "NOT"}:
                raise self.fail(f"unexpected {self.peek()!r}")
            return tree
        parts = [self.phrases()]
        while self.peek() not in {None, ")", "AND", "OR", "NOT"}:
            if self.peek() == "(":
                raise self.fail("unexpected '('")
            parts.append(self.phrases())
        return parts[0] if len(parts) == 1 else "(" + " & ".join(parts) + ")"

    def phrases(self) -> str:
        """phrase ("+" phrase)* ["*"]: one phrase of tsquery lexemes, `<->` between them."""
        words = self.phrase()
        while self.peek() == "+":
            self.take()
            words += self.phrase()
        prefix = self.peek() == "*"
        if prefix:
            self.take()
        if not words:
            return "'_'"  # an empty phrase matches nothing: no token is "_"
        lexemes = [f"'{w}'" for w in words]
        if prefix:
            lexemes[-1] += ":*"
        return lexemes[0] if len(lexemes) == 1 else "(" + " <-> ".join(lexemes) + ")"

    def phrase(self) -> list[str]:
        item = self.peek()
        if item is None:
            raise self.fail("the query ends too early")
        if item.startswith('"'):
            if len(item) < 2 or not item.endswith('"'):
                raise self.fail("unterminated string")
            self.take()
            return tokens(item[1:-1].replace('""', '"'))
        if item in _OPERATORS or item == "NEAR" or not _TOKEN.fullmatch(item):
            raise self.fail(f"unexpected {item!r}")
        self.take()
        if self.peek() == ":":
            raise self.fail("column filters are not supported on PostgreSQL")
        return tokens(item)


def to_tsquery_text(q: str) -> str:
    """The tsquery literal of an FTS5 query, or QueryError."""
    return _Parser(q).parse()
