"""Reading files safely: the size is checked before reading, binary is refused, text is decoded
strictly (UTF-8, else Windows-1252 only when that decodes cleanly), and formats are recognised by
extension or, failing that, by their first characters."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from pathlib import Path

from newsfuse.errors import InputError

# The formats this package reads, by extension. Feeds, WARC and URLs have readers of their own.
EXTENSIONS = {".txt": "txt", ".text": "txt", ".html": "html", ".htm": "html", ".xhtml": "html",
              ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl"}
_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
# C0 controls other than tab, newline, form feed and carriage return: text files do not hold them.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_MAX_CONTROL_SHARE = 0.01  # a stray control character in scraped text happens; many mean binary


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    warning: str = ""  # set when the text was read, but not as UTF-8


def human_size(size: int, exact: bool = False) -> str:
    """52_400_000 → "52.4 MB"; with `exact`, 5_000_000 → "5 MB" (for limits)."""
    for unit, scale in (("MB", 1_000_000), ("kB", 1_000)):
        if size >= scale:
            return f"{size / scale:g} {unit}" if exact else f"{size / scale:.1f} {unit}"
    return f"{size} bytes"


def too_large(size: int, limit: int) -> str:
    return f"too large ({human_size(size)} > {human_size(limit, exact=True)} limit)"


def read_file(path: Path, limit: int) -> Decoded:
    """The text of `path`, refusing files over `limit` bytes before reading them."""
    try:
        size = path.stat().st_size
        if size > limit:
            raise InputError(too_large(size, limit), path=str(path),
                             hint="split it, or raise the max_article_bytes setting")
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", path=str(path)) from None
    return decode(data, str(path))


def decode(data: bytes, path: str, line: int = 0) -> Decoded:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(_check_text(data[len(bom):].decode(codec), path, line))
            except UnicodeDecodeError as exc:
                raise InputError(f"not {codec} text (byte offset {exc.start + len(bom)})", path=path,
                                 line=line) from None
    if b"\x00" in data:
        raise InputError("binary file, not text (it holds NUL bytes)", path=path, line=line)
    try:
        return Decoded(_check_text(data.decode("utf-8"), path, line))
    except UnicodeDecodeError as exc:
        offset = exc.start
    # Windows-1252 is the one legacy encoding common enough in news scrapes to try; it decodes
    # almost any byte string, so it is only accepted when the result holds no control characters.
    error = InputError(f"not UTF-8 text (byte offset {offset})", path=path, line=line,
                       hint="convert it to UTF-8")
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        raise error from None
    if _CONTROL.search(text):
        raise error
    return Decoded(text, warning=f"not UTF-8 (byte offset {offset}); read as Windows-1252")


def _check_text(text: str, path: str, line: int) -> str:
    controls = len(_CONTROL.findall(text))
    if controls and controls > _MAX_CONTROL_SHARE * len(text):
        raise InputError("binary file, not text (it holds control characters)", path=path, line=line)
    return text


def sniff(text: str) -> str:
    """The format of a file whose extension says nothing: "html", "jsonl" or "txt"."""
    head = text.lstrip()[:200].lower()
    if head.startswith(("<!doctype", "<html", "<?xml", "<")):
        return "html"
    if head.startswith(("{", "[")):
        return "jsonl"
    return "txt"


def walk(folder: Path) -> tuple[list[Path], list[Path]]:
    """(article files, other files) under `folder`, recursively, sorted; hidden entries are left out."""
    articles: list[Path] = []
    others: list[Path] = []
    for path in sorted(folder.rglob("*")):
        if any(part.startswith(".") for part in path.relative_to(folder).parts) or not path.is_file():
            continue
        (articles if path.suffix.lower() in EXTENSIONS else others).append(path)
    return articles, others
