"""Where each record of a WARC archive starts and ends, found without trusting the archive.

warcio reads a well-formed archive well, but on a damaged one it either stops without a word (a gzip
member cut short reads as a short, "complete" record, and the iterator ends) or raises from deep
inside, losing every record after the bad one. So the framing is read here first, a record at a
time and in bounded memory: each gzip member is inflated on its own (a member that inflates past the
limit is skipped, so a gzip bomb costs nothing), each record's header block and Content-Length are
checked, and the bytes of one record at a time go to warcio. A malformed record is reported with its
byte offset and the next one is read; where the archive is cut short is reported with the offset
and how many records came before it.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

MAX_HEADER_BYTES = 65_536  # a WARC header block is a few hundred bytes
_READ = 1 << 16
_LENGTH = re.compile(rb"^content-length:\s*(\d+)\s*$", re.I | re.M)


@dataclass(frozen=True, slots=True)
class Frame:
    """One record's bytes (uncompressed), and its byte offset in the archive file."""

    offset: int
    data: bytes


@dataclass(frozen=True, slots=True)
class Damage:
    """A part of the archive that is not a record: `fatal` when nothing after it can be read."""

    offset: int
    reason: str
    fatal: bool = False


def frames(stream: BinaryIO, gzipped: bool, limit: int) -> Iterator[Frame | Damage]:
    """The records of an archive, in order, with what is wrong between them."""
    if gzipped:
        yield from _members(stream, limit)
    else:
        yield from _records(_Buffer(stream), 0, limit)


class _Buffer:
    """A forward-only reader with a position, over a file or over bytes."""

    def __init__(self, stream: BinaryIO | None = None, data: bytes = b"") -> None:
        self.stream = stream
        self.data = data
        self.pos = 0  # of data[0] in the whole input

    def fill(self, size: int) -> bool:
        while len(self.data) < size and self.stream is not None:
            chunk = self.stream.read(max(_READ, size - len(self.data)))
            if not chunk:
                self.stream = None
                break
            self.data += chunk
        return len(self.data) >= size

    def take(self, size: int) -> bytes:
        out, self.data = self.data[:size], self.data[size:]
        self.pos += len(out)
        return out

    def skip_blank(self) -> None:
        while True:
            self.fill(_READ)
            stripped = self.data.lstrip(b"\r\n")
            self.pos += len(self.data) - len(stripped)
            self.data = stripped
            if self.data or self.stream is None:
                return

    def at_end(self) -> bool:
        self.skip_blank()
        return not self.data


def _records(buffer: _Buffer, base: int, limit: int) -> Iterator[Frame | Damage]:
    """Records of uncompressed WARC bytes; `base` is added to offsets (a gzip member's own)."""
    while not buffer.at_end():
        start = buffer.pos
        head_end = -1
        while head_end < 0:
            head_end = buffer.data.find(b"\r\n\r\n")
            if head_end < 0 and (len(buffer.data) > MAX_HEADER_BYTES or not buffer.fill(len(buffer.data) + 1)):
                break
        if not buffer.data.startswith(b"WARC/"):
            found_next = _resync(buffer)
            yield Damage(base + start, f"{buffer.pos - start:,} bytes that are not a WARC record skipped"
                         + ("" if found_next else " (to the end of the archive)"), fatal=not found_next)
            if not found_next:
                return
            continue
        if head_end < 0:
            yield Damage(base + start, "the archive ends inside a record's headers" if buffer.stream is None
                         and len(buffer.data) <= MAX_HEADER_BYTES else "record headers too long", fatal=True)
            return
        header = buffer.data[:head_end]
        found = _LENGTH.search(header)
        if found is None:
            found_next = _resync(buffer)
            yield Damage(base + start, "malformed record (no Content-Length) skipped", fatal=not found_next)
            if not found_next:
                return
            continue
        length = int(found.group(1))
        total = head_end + 4 + length
        if length > limit:
            # Too large to read: step over it without keeping it.
            buffer.take(len(buffer.data))
            left = total - (buffer.pos - start)
            while left > 0 and buffer.fill(1):
                left -= len(buffer.take(min(left, len(buffer.data))))
            if left > 0:
                yield Damage(base + start, "the archive ends inside a record", fatal=True)
                return
            yield Damage(base + start, f"record larger than {limit:,} bytes; skipped")
            continue
        if not buffer.fill(total):
            yield Damage(base + start, f"the archive ends inside a record (declared {length:,} bytes, "
                                       f"{len(buffer.data) - head_end - 4:,} there)", fatal=True)
            return
        yield Frame(base + start, buffer.take(total))
        buffer.fill(len(END))
        if len(buffer.data) < len(END) and END.startswith(buffer.data) and buffer.stream is None:
            # The record is whole (and kept) but its closing blank lines are cut: the archive may
            # have been cut short right here, and later records lost. Said, not fatal.
            yield Damage(base + buffer.pos, "the archive ends without the blank lines that close a record: "
                                            "it may have been cut short")
            return


END = b"\r\n\r\n"  # every record is followed by two blank lines


def _resync(buffer: _Buffer) -> bool:
    """Drop bytes up to the next line that starts a record; False when the input ends first."""
    buffer.take(1)
    while True:
        at = buffer.data.find(b"\nWARC/")
        if at >= 0:
            buffer.take(at + 1)
            return True
        if buffer.stream is None:
            buffer.take(len(buffer.data))
            return False
        buffer.take(max(len(buffer.data) - 8, 0))  # keep a tail: the marker may straddle two reads
        buffer.fill(len(buffer.data) + _READ)


def _members(stream: BinaryIO, limit: int) -> Iterator[Frame | Damage]:
    """Each gzip member inflated on its own (output bounded), then read as records."""
    offset = 0  # of the current member in the file
    pending = b""
    cap = limit + MAX_HEADER_BYTES
    while True:
        if not pending:
            pending = stream.read(_READ)
            if not pending:
                return
        inflater = zlib.decompressobj(wbits=31)
        out: list[bytes] = []
        size = 0
        consumed = 0
        try:
            while not inflater.eof:
                if not pending:
                    pending = stream.read(_READ)
                    if not pending:
                        break
                piece = inflater.decompress(pending, _READ)
                while True:
                    size += len(piece)
                    if size <= cap:
                        out.append(piece)
                    if inflater.eof or not inflater.unconsumed_tail:
                        break
                    piece = inflater.decompress(inflater.unconsumed_tail, _READ)
                consumed += len(pending) - len(inflater.unused_data)
                pending = inflater.unused_data
        except zlib.error as exc:
            yield Damage(offset + consumed, f"corrupt gzip data: {exc}", fatal=True)
            return
        if not inflater.eof:
            yield Damage(offset, "the archive ends inside a compressed record", fatal=True)
            return
        if size > cap:
            yield Damage(offset, f"record larger than {limit:,} bytes; skipped")
        else:
            for item in _records(_Buffer(data=b"".join(out)), 0, limit):
                if isinstance(item, Frame):
                    yield Frame(offset, item.data)
                else:
                    # Damage inside one member spoils that member only: the next starts afresh.
                    yield Damage(offset, item.reason)
        offset += consumed
