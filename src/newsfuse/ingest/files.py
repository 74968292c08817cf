"""Reading files safely: the size is checked before reading, binary is refused, text is decoded
strictly (UTF-8, else Windows-1252 only when that decodes cleanly), and formats are recognised by
extension or, failing that, by their first characters."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from pathlib import Path

from newsfuse.errors import InputError
from newsfuse.ingest.kinds import ARTICLE_EXTENSIONS

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
                             hint="split it, or raise the setting max_article_bytes (NEWSFUSE_MAX_ARTICLE_BYTES)")
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
        codec = _utf16_without_bom(data)
        if codec:
            try:
                text = _check_text(data.decode(codec), path, line)
            except (UnicodeDecodeError, InputError):
                pass
            else:
                return Decoded(text, warning=f"no byte-order mark; read as {codec.upper()}")
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


def _utf16_without_bom(data: bytes) -> str:
    """"utf-16-le"/"utf-16-be" when `data` looks like UTF-16 text (mostly Latin script): the NUL
    bytes sit at odd (LE) or even (BE) offsets and almost nowhere else; else ""."""
    sample = data[:65_536]
    if len(sample) < 4 or len(sample) % 2:
        return ""
    even, odd = sample[0::2], sample[1::2]
    share_even, share_odd = even.count(0) / len(even), odd.count(0) / len(odd)
    if share_odd > 0.6 and share_even < 0.01:
        return "utf-16-le"
    if share_even > 0.6 and share_odd < 0.01:
        return "utf-16-be"
    return ""


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


def walk(folder: Path, loops: list[str] | None = None) -> tuple[list[Path], list[Path]]:
    """(article files, other files) under `folder`, recursively, sorted; hidden entries are left out.

    Symbolic links are followed, but each real folder is entered once: a link back to a parent (a
    loop) or a second link to a folder already read is not entered again, and is noted in `loops`."""
    articles: list[Path] = []
    others: list[Path] = []
    for path in prefer_real(safe_tree(folder, loops)):
        if any(part.startswith(".") for part in path.relative_to(folder).parts) or not path.is_file():
            continue
        (articles if path.suffix.lower() in ARTICLE_EXTENSIONS else others).append(path)
    return articles, others


def prefer_real(paths: list[Path]) -> list[Path]:
    """`paths` with each file once: of several names for one file, a name that is not a link wins."""
    chosen: dict[tuple[int, int], Path] = {}
    for path in paths:
        try:
            info = path.stat()
            if not path.is_file():
                continue
        except OSError:
            continue
        key = (info.st_dev, info.st_ino)
        if key not in chosen or (chosen[key].is_symlink() and not path.is_symlink()):
            chosen[key] = path
    keep = set(chosen.values())
    return [p for p in paths if p in keep or not _is_file(p)]


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except OSError:
        return False


def safe_tree(folder: Path, loops: list[str] | None = None) -> list[Path]:
    """Every path under `folder` (sorted), following links into each real folder at most once."""
    seen: set[tuple[int, int]] = set()
    out: list[Path] = []
    stack = [folder]
    while stack:
        current = stack.pop()
        try:
            info = current.stat()
        except OSError:
            continue
        key = (info.st_dev, info.st_ino)
        if key in seen:
            if loops is not None:
                loops.append(str(current))
            continue
        seen.add(key)
        try:
            entries = sorted(current.iterdir())
        except OSError:
            continue
        for entry in entries:
            out.append(entry)
            try:
                if entry.is_dir():
                    stack.append(entry)
            except OSError:  # a link loop on the entry itself (ELOOP)
                if loops is not None:
                    loops.append(str(entry))
    return sorted(out)


def glob_paths(pattern: str, loops: list[str] | None = None) -> list[Path]:
    """The paths matching `pattern` (`*`, `?`, `[..]` within a name; `**` any number of folders),
    sorted. Unlike `glob.glob(recursive=True)`, a link loop under `**` ends (see `safe_tree`)."""
    import fnmatch
    import glob

    if "**" not in pattern:
        return sorted(Path(p) for p in glob.glob(pattern))
    parts = Path(pattern).parts
    fixed = next(i for i, part in enumerate(parts) if glob.has_magic(part))
    root = Path(*parts[:fixed]) if fixed else Path(".")
    wanted = parts[fixed:]

    def matches(names: tuple[str, ...], rules: tuple[str, ...]) -> bool:
        if not rules:
            return not names
        if rules[0] == "**":
            return any(matches(names[i:], rules[1:]) for i in range(len(names) + 1))
        return bool(names) and fnmatch.fnmatchcase(names[0], rules[0]) and matches(names[1:], rules[1:])

    if not root.is_dir():
        return []
    found = [p for p in prefer_real(safe_tree(root, loops)) if matches(p.relative_to(root).parts, wanted)
             and not any(name.startswith(".") for name in p.relative_to(root).parts)]
    if matches((), wanted):
        found.append(root)
    return sorted(found)
