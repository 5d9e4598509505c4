"""The streamed import: a document is read row by row, twice, and never held whole.

The checks and the loading must be exactly those of a document in memory; the file
may be cut into chunks anywhere (inside a character, inside the BOM); a file that
changes between the check and the insert is refused with nothing imported; a
hand-made file listing its tables in another order still loads.
"""

from __future__ import annotations

import json

import pytest

from collabtui.store import Store
from collabtui.store.interchange.format import decode_row, table_names
from collabtui.store.interchange.stream import Document, DocumentChanged, DocumentProblem
from collabtui.store.interchange.validate import check, check_document
from tests.unit.test_cli import collab
from tests.unit.test_exchange import _broken_document


def _opener(data: bytes, size: int):
    """Chunks of ``size`` bytes, afresh for every pass."""
    return lambda: (data[i : i + size] for i in range(0, len(data), size))


def _decoded(document):
    return (
        (name, (decode_row(name, row) for row in rows))
        for name, rows in document.tables(table_names())
    )


@pytest.mark.parametrize("size", [1, 7, 4096])
def test_the_streamed_check_finds_what_the_check_in_memory_finds(demo_store, size):
    doc, expected = _broken_document(demo_store)
    data = json.dumps(doc, ensure_ascii=False).encode("utf-8")
    streamed = check(Document(_opener(data, size)))
    assert streamed == check_document(doc)
    assert {p.path for p in streamed} >= set(expected)


def test_a_streamed_import_is_byte_identical(demo_store, other_url):
    exported = demo_store.export_json().encode("utf-8")
    document = Document(_opener(b"\xef\xbb\xbf" + exported, 5))  # a BOM cut in two
    assert check(document) == []
    other = Store(other_url, user="tester")
    try:
        counts = other.import_tables(_decoded(document))
        assert sum(counts.values()) == document.rows > 100
        assert other.export_json().encode("utf-8") == exported
    finally:
        other.close()


def test_a_file_changed_between_check_and_insert_imports_nothing(demo_store, other_url):
    exported = demo_store.export_json().encode("utf-8")
    changed = exported.replace(b'"format"', b'"format" ', 1)  # same rows, other bytes
    passes = iter([exported, changed])
    document = Document(lambda: iter([next(passes)]))
    assert check(document) == []
    other = Store(other_url, user="tester")
    try:
        with pytest.raises(DocumentChanged):
            other.import_tables(_decoded(document))
        assert not other.holds_data()
    finally:
        other.close()


def test_tables_in_another_order_still_load(demo_store, other_url, tmp_path):
    exported = demo_store.export_json()
    doc = json.loads(exported)
    doc["tables"] = dict(reversed(list(doc["tables"].items())))  # the change log first
    shuffled = tmp_path / "shuffled.json"
    shuffled.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    result = collab("--db", other_url, "import", str(shuffled))
    assert result.returncode == 0, result.stderr
    other = Store(other_url, user="tester")
    try:
        assert other.export_json() == exported
    finally:
        other.close()


@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"])
@pytest.mark.parametrize("size", [1, 3, 64])
def test_bytes_that_are_not_utf8_are_named_by_their_offset(bom, size):
    data = bom + '{"format": "collab-export", "x": "张伟'.encode() + b"\xe4\xb8" + b'"}'
    with pytest.raises(UnicodeDecodeError) as standard:
        data.decode("utf-8-sig")
    with pytest.raises(DocumentProblem) as streamed:
        list(Document(_opener(data, size)).scan())
    assert streamed.value.key == "exchange.err.encoding"
    assert streamed.value.offset == standard.value.start


def test_the_cli_names_the_byte_that_is_not_utf8(db_url, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_bytes(b'{"format": "collab-export", "x": "\xff"}')
    result = collab("--db", db_url, "import", str(bad))
    assert result.returncode == 2
    assert "is not UTF-8 text (byte 34)" in result.stderr


def test_a_table_listed_twice_is_read_as_the_standard_parser_reads_it(
    demo_store, other_url, tmp_path
):
    exported = demo_store.export_json()
    assert json.loads(exported)["tables"]["bestpractice"], "the demo holds best practices"
    # Two equal keys: the standard parser keeps the last, here an empty list.
    text = exported.replace('    "change": [\n', '    "bestpractice": [],\n    "change": [\n', 1)
    assert json.loads(text)["tables"]["bestpractice"] == []
    twice = tmp_path / "twice.json"
    twice.write_text(text, encoding="utf-8")
    result = collab("--db", other_url, "import", str(twice))
    assert result.returncode == 0, result.stderr
    other = Store(other_url, user="tester")
    try:
        assert json.loads(other.export_json())["tables"]["bestpractice"] == []
        assert json.loads(other.export_json())["tables"]["task"]
    finally:
        other.close()
