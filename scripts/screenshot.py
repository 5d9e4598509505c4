"""Make docs/screenshot.png, the README's picture, from a snapshot of the test suite.

``make screenshot`` runs it after the snapshot changed (``pytest tests/snapshots
--snapshot-update``). The picture is the snapshot SVG rasterized by ``rsvg-convert``
(Debian: librsvg2-bin; for the Chinese text: fonts-noto-cjk). The PNG carries the
SHA-256 of the SVG it was made from in a ``tEXt`` chunk, so a test can tell whether
it is current without rasterizing anything (``--check``).
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: The snapshot the README shows: the dashboard with the demo projects, in English.
SOURCE = Path("tests/snapshots/__snapshots__/test_screens/test_dashboard_english.svg")
TARGET = Path("docs/screenshot.png")
#: The tEXt keyword naming the source and its hash.
KEYWORD = b"collab-source"
WIDTH = 1400


def source_tag(root: Path = ROOT) -> bytes:
    """``<source path> sha256:<hex>`` of the snapshot as it is now."""
    digest = hashlib.sha256((root / SOURCE).read_bytes()).hexdigest()
    return f"{SOURCE.as_posix()} sha256:{digest}".encode()


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def with_tag(png: bytes, tag: bytes) -> bytes:
    """``png`` with a ``tEXt`` chunk holding ``tag`` right after its header chunk."""
    header_end = 8 + 8 + 13 + 4  # signature, then IHDR (length, type, 13 bytes, CRC)
    return png[:header_end] + _chunk(b"tEXt", KEYWORD + b"\0" + tag) + png[header_end:]


def read_tag(png: bytes) -> bytes | None:
    """The tag :func:`with_tag` wrote, if any."""
    pos = 8
    while pos + 8 <= len(png):
        length, kind = struct.unpack(">I4s", png[pos : pos + 8])
        data = png[pos + 8 : pos + 8 + length]
        if kind == b"tEXt" and data.startswith(KEYWORD + b"\0"):
            return data[len(KEYWORD) + 1 :]
        pos += 12 + length
    return None


def make(root: Path = ROOT) -> Path:
    """Rasterize the snapshot into ``docs/screenshot.png``."""
    tool = shutil.which("rsvg-convert")
    if tool is None:
        sys.exit(
            "screenshot: rsvg-convert is missing (Debian: apt install librsvg2-bin fonts-noto-cjk)"
        )
    with tempfile.TemporaryDirectory() as tmp:
        raw = Path(tmp) / "raw.png"
        subprocess.run([tool, "-w", str(WIDTH), str(root / SOURCE), "-o", str(raw)], check=True)
        (root / TARGET).write_bytes(with_tag(raw.read_bytes(), source_tag(root)))
    return root / TARGET


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only say whether it is current")
    args = parser.parse_args()
    if args.check:
        current = read_tag((ROOT / TARGET).read_bytes()) == source_tag()
        print("current" if current else f"stale: run `make screenshot` ({SOURCE} changed)")
        return 0 if current else 1
    print(make())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
