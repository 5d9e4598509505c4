"""Reading and writing whole tables: the JSON export, its import, backups.

The export reads every table in one read transaction (a consistent snapshot on
either backend). The import writes every row in one write transaction with bulk
core inserts, ids, versions and times as they were; it adds no change-log rows,
because the document carries the change log it came with. Checking a document is
not done here: :mod:`collabtui.store.interchange` does that before the rows arrive.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from itertools import islice
from pathlib import Path

from sqlalchemy import Table, bindparam, select, text, update

from collabtui.domain.errors import StoreError, ValidationError
from collabtui.files import Fill, write_file
from collabtui.store.base import StoreBase
from collabtui.store.interchange.format import encode_row, references, render_export, table_names
from collabtui.store.location import describe, sqlite_url
from collabtui.store.models import TABLES

#: Rows per bulk insert: large enough to be fast, small enough for a smooth progress bar.
CHUNK = 2000
#: The first 16 bytes of every SQLite database file.
SQLITE_HEADER = b"SQLite format 3\x00"

#: ``progress(table, rows)`` is told how many rows of ``table`` were just handled.
Progress = Callable[[str, int], None]


def _chunks(rows: Iterable[dict], size: int = CHUNK) -> Iterator[list[dict]]:
    """``rows`` in lists of ``size``, read as they are needed."""
    it = iter(rows)
    while chunk := list(islice(it, size)):
        yield chunk


def is_sqlite_file(path: Path) -> bool:
    """True when ``path`` starts with the SQLite header (a backup, not a JSON export)."""
    with open(path, "rb") as fh:
        return fh.read(len(SQLITE_HEADER)) == SQLITE_HEADER


def write_private(dest: Path, content: str | bytes | Fill, *, force: bool = False) -> Path:
    """Write ``content`` (text, bytes or ``fill(tmp)``) to a new owner-only file ``dest``.

    Without ``force`` an existing ``dest`` is never replaced (refused, even if it
    appears meanwhile); with it, it is replaced in one rename. A failure leaves no
    temporary file behind and ``dest`` as it was (:func:`collabtui.files.write_file`).
    """
    dest = Path(dest).expanduser()
    if not force and dest.exists():
        raise StoreError.of("exchange.err.exists", path=dest)
    if not dest.parent.is_dir():
        raise StoreError.of("export.err.no_folder", folder=dest.parent)
    try:
        return write_file(dest, content, private=True, overwrite=force)
    except FileExistsError:
        raise StoreError.of("exchange.err.exists", path=dest) from None


class ExchangeOps(StoreBase):
    """Store methods for whole-store export, import and backup (mixed into ``Store``)."""

    @classmethod
    def read_backup_tables(
        cls, path: Path, progress: Progress | None = None
    ) -> dict[str, list[dict]]:
        """The tables of a SQLite backup, in the export's JSON form; the file is not touched.

        The backup's bytes are copied to a private temporary file (it is never opened
        with SQLite, so a ``-wal`` beside it is not folded in, and a read-only folder
        is fine), checked to hold tables only and opened as a store there under a time
        limit, so an older schema is upgraded on the copy and a file that is not ours
        is refused (:mod:`collabtui.store.restore_copy`). A missing table or a value
        the columns cannot hold is one :class:`StoreError` naming the table.
        """
        from sqlalchemy import inspect
        from sqlalchemy.exc import SQLAlchemyError

        from collabtui.store.restore_copy import private_copy

        with private_copy(Path(path)) as copy:
            store = cls(sqlite_url(copy), user="restore")  # the Store class
            try:
                present = set(inspect(store.engine).get_table_names())
                for name in table_names():
                    if name not in present:
                        raise StoreError.of("exchange.err.backup_table", path=path, table=name)
                out: dict[str, list[dict]] = {}
                with store.engine.connect() as conn:
                    for name in table_names():
                        table = TABLES[name].__table__
                        try:
                            result = conn.execute(select(table).order_by(table.c.id)).mappings()
                            out[name] = [encode_row(name, row) for row in result]
                        except (SQLAlchemyError, ValueError, TypeError, OverflowError):
                            raise StoreError.of(
                                "exchange.err.backup_value", path=path, table=name
                            ) from None
                        if progress:
                            progress(name, len(out[name]))
                return out
            finally:
                store.close()

    def holds_data(self) -> bool:
        """True when any table, the change log included, has a row."""
        with self.engine.connect() as conn:
            return _holds_rows(conn)

    def export_tables(self, progress: Progress | None = None) -> dict[str, list[dict]]:
        """Every table's rows in the export's JSON form, sorted by id, from one snapshot."""
        out: dict[str, list[dict]] = {}
        with self.engine.connect() as conn:
            if conn.dialect.name == "postgresql":
                conn = conn.execution_options(isolation_level="REPEATABLE READ")
            with conn.begin():
                for name in table_names():
                    table = TABLES[name].__table__
                    result = conn.execute(select(table).order_by(table.c.id)).mappings()
                    out[name] = [encode_row(name, row) for row in result]
                    if progress:
                        progress(name, len(out[name]))
        return out

    def export_json(self, progress: Progress | None = None) -> str:
        """The whole store as a ``collab-export`` document (deterministic text)."""
        return render_export(self.export_tables(progress))

    def import_tables(
        self,
        rows: Mapping[str, Iterable[dict]] | Iterable[tuple[str, Iterable[dict]]],
        progress: Progress | None = None,
    ) -> dict[str, int]:
        """Insert checked, decoded rows (see :func:`collabtui.store.interchange.decode_tables`).

        ``rows`` maps each table to its rows, or yields ``(table, rows)`` in
        :func:`table_names` order — then each table's rows are read as they are
        inserted, a chunk at a time, and never held all at once (the streamed import).
        One transaction; refused with :class:`ValidationError` when the store holds
        any row. References to a table not inserted yet (a department's head, a
        project's confirmation meeting, a follow-up's meeting) go in as empty and are
        set once every table is in. On PostgreSQL each id sequence is moved past the
        largest id, so later inserts do not collide.
        """
        if isinstance(rows, Mapping):
            given = rows
            rows = ((name, given.get(name, ())) for name in table_names())
        counts: dict[str, int] = {}
        with self.db.write("exchange.import") as u:
            conn = u.session.connection()
            if _holds_rows(conn):
                raise ValidationError.of("exchange.err.not_empty", where=describe(self.url))
            inserted: set[str] = set()
            later: list[tuple[Table, str, list[dict]]] = []
            for name, table_rows in rows:
                table = TABLES[name].__table__
                forward = [column for column, target in references(name) if target not in inserted]
                counts[name] = 0
                for chunk in _chunks(table_rows):
                    for column in forward:
                        fixes = [
                            {"_id": r["id"], "_v": r[column]}
                            for r in chunk
                            if r[column] is not None
                        ]
                        if fixes:
                            later.append((table, column, fixes))
                            chunk = [{**r, column: None} for r in chunk]
                    conn.execute(table.insert(), chunk)
                    counts[name] += len(chunk)
                    if progress:
                        progress(name, len(chunk))
                inserted.add(name)
            for table, column, fixes in later:
                stmt = update(table).where(table.c.id == bindparam("_id"))
                conn.execute(stmt.values({column: bindparam("_v")}), fixes)
            if conn.dialect.name == "postgresql":
                _reset_sequences(conn)
        return counts

    def backup_to(self, dest: Path, *, force: bool = False) -> Path:
        """A consistent owner-only copy of the store at ``dest``, safe while others write.

        SQLite: the online backup API (a page-by-page copy of one snapshot). A server
        database: the JSON export, read in one snapshot.
        """
        source = self.path
        if source is None:
            return write_private(dest, self.export_json(), force=force)
        from collabtui.store.engine import copy_sqlite_into

        def copy(tmp: Path) -> None:
            copy_sqlite_into(Path(source), tmp)

        return write_private(dest, copy, force=force)


def _holds_rows(conn) -> bool:
    for name in table_names():
        table = TABLES[name].__table__
        if conn.execute(select(table.c.id).limit(1)).first() is not None:
            return True
    return False


def _reset_sequences(conn) -> None:
    """Move every table's id sequence past its largest id (PostgreSQL only)."""
    for name in table_names():
        # ``name`` is one of our own table names, never user input.
        conn.execute(
            text(
                "SELECT setval(pg_get_serial_sequence(:table, 'id'), "
                f'COALESCE((SELECT MAX(id) FROM "{name}"), 0) + 1, false)'
            ),
            {"table": f'"{name}"'},
        )


__all__ = ["ExchangeOps", "is_sqlite_file", "write_private"]
