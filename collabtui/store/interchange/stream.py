"""A ``collab-export`` document read row by row, never held whole in memory.

The export of a large store is ~50 MB of JSON; parsed at once it takes four times
that in Python objects, decoded again and batched again on the way into the tables.
A :class:`Document` instead reads the bytes it is given (a callable that opens them
again, for a second pass) with ``ijson`` and hands out one row at a time:

* pass 1 (:meth:`Document.scan`) checks the encoding, the syntax and the parser limits,
  builds the *skeleton* — the document with every table's rows left out — and yields
  each row with its table and index, for the checks;
* pass 2 (:meth:`Document.tables`) yields the rows again table by table in the order
  the import needs them: in one pass when the document lists its tables in that order
  (every ``collab export all`` does), else one pass per table.

Both passes fingerprint the bytes (SHA-256): a file that changed between them is
refused (:class:`DocumentChanged`) before the import's transaction commits. A
:class:`Parsed` wraps a document already in memory (a SQLite backup's tables) with
the same interface, so every source goes through the same checks and the same loading.
No file is opened here: the caller passes the bytes.
"""

from __future__ import annotations

import codecs
import hashlib
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import ijson

#: How deep a document may nest (a collab-export nests 5 levels) and how many digits
#: an integer may have (ids and counts fit PostgreSQL's ``integer``: 10).
MAX_DEPTH, MAX_DIGITS = 32, 20
_BOM = codecs.BOM_UTF8

#: A fresh iterator over the document's bytes, in chunks, from the start.
Opener = Callable[[], Iterable[bytes]]
#: ``(table, index in the table's list, the row as parsed)``
Row = tuple[str, int, Any]


class DocumentProblem(ValueError):
    """The bytes cannot be read as our JSON: ``key``/``params`` say why (translated later).

    ``offset`` is the byte offset of an encoding error; a syntax error leaves it ``None``
    (the caller finds line and column with the standard parser, on the error path only).
    """

    def __init__(self, key: str, offset: int | None = None, **params: object):
        super().__init__(key)
        self.key, self.offset, self.params = key, offset, params


class DocumentChanged(ValueError):
    """The bytes read in the second pass are not the ones checked in the first."""


class _Hashed:
    """The chunks of ``opener()`` without a leading BOM, checked to be UTF-8, hashed."""

    def __init__(self, opener: Opener):
        self._chunks = iter(opener())
        self._decoder = codecs.getincrementaldecoder("utf-8")()
        self.digest = hashlib.sha256()
        self._offset, self._first, self._pending = 0, True, b""

    def read(self, size: int = -1) -> bytes:
        if size == 0:  # ijson asks for nothing first, to learn that the file gives bytes
            return b""
        for chunk in self._chunks:
            if self._first:
                chunk = self._pending + chunk
                if len(chunk) < len(_BOM) and _BOM.startswith(chunk):
                    self._pending = chunk
                    continue
                self._first = False
                if chunk.startswith(_BOM):  # offsets count from after it, as utf-8-sig's do
                    chunk = chunk[len(_BOM) :]
            self._check(chunk, final=False)
            if chunk:
                return chunk
        if self._first and self._pending:
            self._first, chunk, self._pending = False, self._pending, b""
            self._check(chunk, final=False)
            self._check(b"", final=True)
            return chunk
        self._check(b"", final=True)
        return b""

    def _check(self, chunk: bytes, *, final: bool) -> None:
        self.digest.update(chunk)
        try:
            self._decoder.decode(chunk, final=final)
        except UnicodeDecodeError as exc:
            # The decoder decodes what it held back from the last chunk, then this one.
            held = len(self._decoder.getstate()[0])
            start = self._offset + exc.start - held
            raise DocumentProblem("exchange.err.encoding", offset=max(start, 0)) from None
        self._offset += len(chunk)


class Document:
    """A document read from bytes, in two passes (see the module's docstring)."""

    def __init__(self, opener: Opener):
        self._opener = opener
        self.skeleton: Any = None
        self.rows = 0  # counted by the scan
        self._order: list[str] = []
        self._digest = b""

    def scan(self) -> Iterator[Row]:
        """Every row in document order; the skeleton is complete once this is exhausted.

        Raises :class:`DocumentProblem` for bytes that are not UTF-8, a syntax error,
        nesting deeper than :data:`MAX_DEPTH` or an integer past :data:`MAX_DIGITS`.
        """
        source = _Hashed(self._opener)
        builder = _Builder()
        try:
            for event, value in ijson.basic_parse(source, use_float=True):
                row = builder.event(event, value)
                if row is not None:
                    self.rows += 1
                    yield row
        except ijson.JSONError:
            raise DocumentProblem("exchange.err.syntax") from None
        self.skeleton, self._order = builder.result, builder.order
        self._digest = source.digest.digest()

    def tables(self, names: Iterable[str]) -> Iterator[tuple[str, Iterator[Any]]]:
        """``(table, its rows)`` for each of ``names`` in that order (after :meth:`scan`).

        Raises :class:`DocumentChanged` at the end if the bytes differ from the scan's.
        """
        names = list(names)
        present = [n for n in names if n in self._order]
        if [n for n in self._order if n in names] == present:
            yield from self._one_pass(names)
            return
        for name in names:
            source = _Hashed(self._opener)
            rows = ijson.items(source, f"tables.{name}.item", use_float=True)
            yield name, iter(rows)
            for _ in rows:  # whatever the caller left, so the whole file is hashed
                pass
            source.read()
            self._same(source)

    def _one_pass(self, names: list[str]) -> Iterator[tuple[str, Iterator[Any]]]:
        source = _Hashed(self._opener)
        stream = _rows_of(source)
        wanted = set(names)
        pending: Row | None = next(stream, None)

        def rows(name: str) -> Iterator[Any]:
            nonlocal pending
            while pending is not None and pending[0] == name:
                yield pending[2]
                pending = next(stream, None)

        for name in names:
            while pending is not None and pending[0] not in wanted:
                pending = next(stream, None)
            these = rows(name)
            yield name, these
            for _ in these:  # what the caller left of this table
                pass
        for _ in stream:
            pass
        self._same(source)

    def _same(self, source: _Hashed) -> None:
        if source.digest.digest() != self._digest:
            raise DocumentChanged


def _rows_of(source: _Hashed) -> Iterator[Row]:
    builder = _Builder()
    try:
        for event, value in ijson.basic_parse(source, use_float=True):
            row = builder.event(event, value)
            if row is not None:
                yield row
    except (ijson.JSONError, DocumentProblem):
        raise DocumentChanged from None


class Parsed:
    """A document already parsed (a dict), with :class:`Document`'s interface."""

    def __init__(self, data: object):
        tables = data.get("tables") if isinstance(data, dict) else None
        self._tables: dict[Any, Any] = tables if isinstance(tables, dict) else {}
        lists: dict[Any, list] = {k: [] for k, v in self._tables.items() if isinstance(v, list)}
        self.skeleton: Any = data
        if isinstance(data, dict) and lists:
            self.skeleton = {**data, "tables": {**self._tables, **lists}}
        self.rows = sum(len(v) for v in self._tables.values() if isinstance(v, list))

    def scan(self) -> Iterator[Row]:
        for name, rows in self._tables.items():
            if isinstance(rows, list):
                for i, row in enumerate(rows):
                    yield name, i, row

    def tables(self, names: Iterable[str]) -> Iterator[tuple[str, Iterator[Any]]]:
        for name in names:
            rows = self._tables.get(name)
            yield name, iter(rows if isinstance(rows, list) else ())


class _Builder:
    """Builds JSON values from parser events, handing out ``tables.<name>[i]`` as rows.

    The lists of rows stay empty in :attr:`result` (the skeleton).
    """

    def __init__(self) -> None:
        # Each open container with the key it goes under in its parent (``None`` in a list).
        self._stack: list[tuple[Any, Any]] = []
        self._key: Any = None
        self._index: dict[str, int] = {}
        self.result: Any = None
        self.order: list[Any] = []

    def _rows_list(self) -> str | None:
        """The table whose list of rows is the innermost open container, if it is one."""
        stack = self._stack
        if len(stack) != 3 or stack[1][1] != "tables" or not isinstance(stack[2][0], list):
            return None
        return stack[2][1] if isinstance(stack[1][0], dict) else None

    def event(self, event: str, value: Any) -> Row | None:
        if event == "map_key":
            self._key = value
            return None
        if event in ("start_map", "start_array"):
            if len(self._stack) >= MAX_DEPTH:
                raise DocumentProblem("exchange.err.depth", limit=MAX_DEPTH)
            key = self._key if self._stack and isinstance(self._stack[-1][0], dict) else None
            self._stack.append(({} if event == "start_map" else [], key))
            if len(self._stack) == 3 and self._rows_list() is not None:
                if key in self.order:  # the standard parser keeps the last: let it decide
                    raise DocumentProblem("exchange.err.syntax")
                self.order.append(key)
            return None
        if event in ("end_map", "end_array"):
            done, key = self._stack.pop()
            self._key = key
            return self._place(done)
        if event == "integer" and len(str(abs(value))) > MAX_DIGITS:
            raise DocumentProblem("exchange.err.long_integer", limit=MAX_DIGITS)
        return self._place(value)

    def _place(self, value: Any) -> Row | None:
        if not self._stack:
            self.result = value
            return None
        table = self._rows_list()
        if table is not None:
            index = self._index.get(table, 0)
            self._index[table] = index + 1
            return table, index, value
        parent = self._stack[-1][0]
        if isinstance(parent, dict):
            parent[self._key] = value
        else:
            parent.append(value)
        return None


__all__ = [
    "MAX_DEPTH",
    "MAX_DIGITS",
    "Document",
    "DocumentChanged",
    "DocumentProblem",
    "Parsed",
]
