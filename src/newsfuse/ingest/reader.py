"""From what the user gave (paths, folders, globs, "-", dicts, text, Articles) to clean Articles.

Each input is expanded into raw articles by the reader for its format, then cleaned and given its
outlet and date. What cannot be read is either an error (a file the user named that is binary,
too large or not text) or, when other material remains, a `Skipped` entry with a warning (an empty
file, a bad JSONL line among good ones, a binary file met while walking a folder). Nothing is
dropped without a trace.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import IO, Any, NamedTuple

from newsfuse.clean import clean_article
from newsfuse.config import Settings
from newsfuse.errors import InputError, NoArticlesError
from newsfuse.ingest.dates import MAX_YEAR, MIN_YEAR, in_window
from newsfuse.ingest.files import glob_paths, read_file, sniff, too_large, walk
from newsfuse.ingest.html import read_html
from newsfuse.ingest.jsonl import RecordError, read_json_document, read_jsonl, record_to_article
from newsfuse.ingest.kinds import ARTICLE_EXTENSIONS, FOREIGN, PATH_SUFFIXES
from newsfuse.ingest.meta import infer_metadata
from newsfuse.ingest.report import ReadResult
from newsfuse.ingest.txt import read_txt
from newsfuse.types import Article, Skipped

log = logging.getLogger("newsfuse.ingest")

Input = str | Path | Mapping[str, Any] | Article

# Cleans a block of raw articles, in order (`LocalEngine.clean`: in the pool's workers).
CleanMany = Callable[[list[Article]], list[Article]]
CLEAN_BLOCK = 256  # raw articles handed to `clean_many` at once: enough that shipping them is small

MAX_PATH_LENGTH = 300  # a longer string is text, never a path
_GLOB = re.compile(r"[*?\[]")


def looks_like_path(value: str) -> bool:
    """Could this short string be meant as a path? ("articles/a.txt", "*.html", "~/news") A string of
    words without a slash or a file extension is taken as article text."""
    value = value.strip()
    if not value or "\n" in value or len(value) > MAX_PATH_LENGTH:
        return False
    if value.startswith(("/", "~", "./", "../", ".\\")) or re.match(r"^[A-Za-z]:\\", value):
        return True
    if Path(value).suffix.lower() in PATH_SUFFIXES:
        return True
    return not re.search(r"\s", value) and bool(re.search(r"[/\\]", value))


class _Raw(NamedTuple):
    """One article as read, before cleaning."""

    article: Article
    given: bool = False  # an Article the caller built: taken as already clean


class _Reader:
    def __init__(self, settings: Settings, stdin: IO[str] | None,
                 on_skip: Callable[[Skipped], None] | None, on_warning: Callable[[str], None] | None,
                 known: Callable[[Article], bool] | None = None, clean_many: CleanMany | None = None) -> None:
        self.settings = settings
        self.known = known
        self.clean_many = clean_many
        self.stdin = stdin
        self.on_skip = on_skip
        self.on_warning = on_warning
        self.skipped: list[Skipped] = []
        self.ids: set[str] = set()
        self.files: dict[tuple[int, int], str] = {}  # (device, inode) → the path it was read by
        self.texts = 0  # in-memory inputs without an id are named text-1, text-2, ...
        self.inputs = 0
        self.produced = 0

    # -- reporting ---------------------------------------------------------------------------------

    def skip(self, skipped: Skipped) -> None:
        self.skipped.append(skipped)
        log.warning("skipped %s", skipped.describe())
        if self.on_skip:
            self.on_skip(skipped)

    def warn(self, message: str) -> None:
        log.warning("%s", message)
        if self.on_warning:
            self.on_warning(message)

    # -- the run -----------------------------------------------------------------------------------

    def run(self, inputs: Iterable[Input]) -> Iterator[Article]:
        for position, item in enumerate(inputs, 1):
            self.inputs += 1
            for raw, cleaned in self.cleaned(self.expand(item, position)):
                article = self.finish(raw, cleaned)
                if article is not None:
                    self.produced += 1
                    yield article
        if not self.produced:
            raise self.nothing()

    def cleaned(self, raws: Iterable[_Raw]) -> Iterator[tuple[_Raw, Article | None]]:
        """Each raw article with its cleaned copy, when `clean_many` cleans them a block at a time
        (in a pool's workers: the cleaner is half the per-article cost of words-only grouping, and
        the driver would do it alone); else with None, for `finish` to clean it."""
        if self.clean_many is None:
            yield from ((raw, None) for raw in raws)
            return
        block: list[_Raw] = []
        source = iter(raws)
        while True:
            try:
                raw = next(source, None)
            except Exception:
                # An input failing part-way (a truncated file): what was read before still goes on.
                yield from self._clean_block(block)
                raise
            if raw is not None:
                block.append(raw)
            if raw is None or len(block) >= CLEAN_BLOCK:
                yield from self._clean_block(block)
                block = []
            if raw is None:
                return

    def _clean_block(self, block: list[_Raw]) -> Iterator[tuple[_Raw, Article | None]]:
        assert self.clean_many is not None
        # The store is asked once per raw article, here; `finish` is told by the cleaned copy.
        dirty = [not r.given and not self._known(r) for r in block]
        done = iter(self.clean_many([r.article for r, d in zip(block, dirty, strict=True) if d]) if any(dirty) else [])
        yield from ((r, next(done) if d else None) for r, d in zip(block, dirty, strict=True))

    def _known(self, raw: _Raw) -> bool:
        return self.known is not None and bool(raw.article.text.strip()) and self.known(raw.article)

    def nothing(self) -> NoArticlesError:
        if not self.inputs:
            return NoArticlesError("no input given", hint="give files, folders, globs, '-' for JSONL on stdin, or text")
        if len(self.skipped) == 1:
            only = self.skipped[0]
            return NoArticlesError(only.reason, path=only.source, line=only.line)
        first = self.skipped[0].describe() if self.skipped else "nothing was found"
        return NoArticlesError(f"no article could be read ({len(self.skipped)} skipped; first: {first})")

    def finish(self, raw: _Raw, cleaned: Article | None = None) -> Article | None:
        """Clean one raw article (unless `cleaned` is its clean copy), fill its metadata, and give
        it a unique id. An Article the caller gave is taken as already clean (as the pipeline takes
        it): it is only named and checked."""
        where, line = _where(raw.article.origin)
        if cleaned is None and not raw.given and (self.clean_many is not None or self._known(raw)):
            # Stored already (its id or URL): passed on as read, for the stream to count as a duplicate
            # without cleaning it again (a re-ingest is a lookup, not a re-analysis).
            raw.article.id = self.unique_id(raw.article.id)
            return raw.article
        article = cleaned or (raw.article if raw.given else clean_article(raw.article))
        if not article.text.strip():
            self.skip(Skipped(where, line, "nothing left after cleaning"))
            return None
        if not in_window(article.published):
            self.warn(f"{where}: date {article.published} is outside {MIN_YEAR}-{MAX_YEAR}; left out")
            article = dataclasses.replace(article, published=None, published_from="")
        article = infer_metadata(article)
        unique = self.unique_id(article.id)
        if unique != article.id:
            self.warn(f"{where}: id {article.id!r} is already taken; renamed {unique!r}")
            article.id = unique
        return article

    def unique_id(self, wanted: str) -> str:
        candidate, number = wanted, 1
        while candidate in self.ids:
            number += 1
            candidate = f"{wanted}-{number}"
        self.ids.add(candidate)
        return candidate

    def text_id(self) -> str:
        self.texts += 1
        return f"text-{self.texts}"

    # -- expanding one input into raw articles ----------------------------------------------------------

    def check_size(self, text: object, where: str) -> None:
        """In-memory text obeys the same size limit as a file (a 10 MB string is refused, not read)."""
        limit = self.settings.max_article_bytes
        if isinstance(text, str) and len(text) > limit // 4 and len(text.encode("utf-8", "replace")) > limit:
            raise InputError(too_large(len(text.encode("utf-8", "replace")), limit), path=where,
                             hint="split it, or raise the setting max_article_bytes (NEWSFUSE_MAX_ARTICLE_BYTES)")

    def expand(self, item: Input, position: int) -> Iterator[_Raw]:
        if isinstance(item, Article | Mapping):
            self.check_size(item.text if isinstance(item, Article) else item.get("text"), f"input {position}")
        if isinstance(item, Article):
            yield _Raw(_given_article(item, item.id or self.text_id(), made=item.id_made or not item.id), given=True)
        elif isinstance(item, Mapping):
            try:
                yield _Raw(record_to_article(item, self.text_id(), f"input {position}", "caller", self.warn))
            except RecordError as exc:
                raise InputError(str(exc), path=f"input {position}") from None
        elif isinstance(item, Path):
            yield from self.path(item.expanduser(), explicit=True)
        elif isinstance(item, str):
            if not item.strip():
                # Path("") is the current folder: an empty string must never read it.
                raise InputError("empty text (neither an article nor a path)", path=f"input {position}")
            self.check_size(item, f"input {position}")
            yield from self.string(item)
        else:
            raise InputError(f"cannot read a {type(item).__name__}", path=f"input {position}",
                             hint='give a path, a string of text, a dict with "text", or an Article')

    def string(self, value: str) -> Iterator[_Raw]:
        if value == "-":
            yield from self.jsonl_stream(self.stdin if self.stdin is not None else sys.stdin, "<stdin>", "stdin")
            return
        if "\n" in value or len(value) > MAX_PATH_LENGTH:
            yield _Raw(Article(id=self.text_id(), text=value, origin="text", id_made=True))
            return
        path = Path(value).expanduser()
        if path.exists():
            yield from self.path(path, explicit=True)
        elif re.match(r"^[a-z][a-z0-9+.-]*://", value, re.I):
            raise InputError("a URL, not a file or folder", path=value, hint="save the page and give its path")
        elif _GLOB.search(value) and looks_like_path(value):
            yield from self.pattern(value)
        elif looks_like_path(value):
            raise InputError("no such file or folder", path=value)
        else:
            yield _Raw(Article(id=self.text_id(), text=value, origin="text", id_made=True))

    def pattern(self, value: str) -> Iterator[_Raw]:
        loops: list[str] = []
        matches = glob_paths(os.path.expanduser(value), loops)
        self.note_loops(loops)
        if not matches:
            raise InputError("no files match", path=value)
        for match in matches:
            if match.is_file() or "**" not in value:  # a folder matched by ** has its files matched too
                yield from self.path(match, explicit=False)

    def path(self, path: Path, explicit: bool) -> Iterator[_Raw]:
        if not path.exists():
            raise InputError("no such file or folder", path=str(path))
        if not path.is_dir():
            yield from self.file(path, explicit)
            return
        loops: list[str] = []
        files, others = walk(path, loops)
        self.note_loops(loops)
        for other in others:
            self.skip(Skipped(str(other), 0, f"not an article file ({other.suffix or 'no extension'}); "
                                             f"read are {', '.join(sorted(ARTICLE_EXTENSIONS))}"))
        if not files:
            self.skip(Skipped(str(path), 0, "no article file in this folder"))
        for file in files:
            yield from self.file(file, explicit=False)

    def note_loops(self, loops: list[str]) -> None:
        for where in loops[:5]:
            self.warn(f"{where}: a link to a folder already read (a loop?); not followed again")
        if len(loops) > 5:
            self.warn(f"... and {len(loops) - 5} more such links")

    def file(self, path: Path, explicit: bool) -> Iterator[_Raw]:
        """A named file's problems are errors; a file met in a folder or glob is skipped instead."""
        try:
            info = path.stat()
            key: tuple[int, int] | None = (info.st_dev, info.st_ino)
        except OSError:
            key = None
        if key is not None and key in self.files:
            # The same file by another name (a link): read once.
            self.warn(f"{path}: the same file as {self.files[key]}; read once")
            return
        if key is not None:
            self.files[key] = str(path)
        suffix = path.suffix.lower()
        if suffix in FOREIGN:
            problem = InputError(f"{FOREIGN[suffix]}, not an article file", path=str(path),
                                 hint="feeds and WARC archives have their own readers")
            if explicit:
                raise problem
            self.skip(Skipped(str(path), 0, problem.message))
            return
        if ARTICLE_EXTENSIONS.get(suffix) == "jsonl" and suffix != ".json":
            with path.open("rb") as stream:
                yield from self.jsonl_stream(stream, str(path), path.stem, explicit)
            return
        try:
            decoded = read_file(path, self.settings.max_article_bytes)
        except InputError as exc:
            if explicit:
                raise
            self.skip(Skipped(str(path), 0, exc.message))
            return
        if decoded.warning:
            self.warn(f"{path}: {decoded.warning}")
        if not decoded.text.strip():
            self.skip(Skipped(str(path), 0, "empty file"))
            return
        kind = ARTICLE_EXTENSIONS.get(suffix) or sniff(decoded.text)
        if kind == "html":
            page = read_html(decoded.text, path.stem, str(path))
            page.id_made = True
            yield _Raw(page)
        elif kind == "txt":
            yield _Raw(read_txt(decoded.text, path))
        else:
            yield from self.records(read_json_document(decoded.text, str(path), path.stem, self.warn), str(path), explicit)

    def jsonl_stream(self, stream: IO[bytes] | IO[str], name: str, stem: str,
                     explicit: bool = True) -> Iterator[_Raw]:
        records = read_jsonl(stream, name, stem, self.settings.max_article_bytes, self.warn)
        yield from self.records(records, name, explicit)

    def records(self, items: Iterator[Article | Skipped], name: str, explicit: bool) -> Iterator[_Raw]:
        """Records of one JSON(L) source. A bad record among good ones is skipped; when none is good,
        the first problem is an error (for a named file) or a skipped file (in a folder)."""
        held: list[Skipped] = []
        good = 0
        for item in items:
            if isinstance(item, Skipped):
                if good:
                    self.skip(item)
                else:
                    held.append(item)
                continue
            good += 1
            for skipped in held:
                self.skip(skipped)
            held = []
            yield _Raw(item)
        if good:
            return
        # Every bad record is reported, each with its line: "skipped 10", not "skipped 1".
        for skipped in held or [Skipped(name, 0, "empty file")]:
            self.skip(skipped)
        if held and explicit:
            if len(held) == 1:
                raise InputError(held[0].reason, path=held[0].source, line=held[0].line)
            first = held[0]
            raise InputError(f"none of its {len(held)} records could be read (first, line {first.line}: "
                             f"{first.reason})", path=name)


def _given_article(article: Article, article_id: str, made: bool) -> Article:
    return dataclasses.replace(
        article, id=article_id, id_made=made,
        outlet_from=article.outlet_from or ("caller" if article.outlet else ""),
        published_from=article.published_from or ("caller" if article.published else ""))


def _where(origin: str) -> tuple[str, int]:
    """("file.jsonl", 3) from the origin "file.jsonl:3"; (origin, 0) otherwise."""
    head, _, tail = origin.rpartition(":")
    return (head, int(tail)) if head and tail.isdigit() else (origin, 0)


def iter_articles(inputs: Input | Iterable[Input], settings: Settings | None = None, stdin: IO[str] | None = None,
                  *, on_skip: Callable[[Skipped], None] | None = None,
                  on_warning: Callable[[str], None] | None = None,
                  known: Callable[[Article], bool] | None = None,
                  clean_many: CleanMany | None = None) -> Iterator[Article]:
    """Clean articles one by one, in input order, for streaming use.

    `on_skip` / `on_warning` hear about what was skipped or read with a caveat (they are also
    logged to the "newsfuse.ingest" logger). Raises InputError for an input that cannot be read,
    NoArticlesError when nothing at all could be. `known` (a store's lookup by id and URL) says which
    raw articles are stored already: those are yielded uncleaned, for a caller that only counts them.
    `clean_many` cleans a block of raw articles at a time, in order (a pool's `LocalEngine.clean`).
    """
    if isinstance(inputs, str | Path | Mapping | Article):
        inputs = [inputs]  # one input given bare: a str is a Sequence, but not of inputs
    reader = _Reader(settings or Settings(), stdin, on_skip, on_warning, known, clean_many)
    yield from reader.run(inputs)


def read_articles(inputs: Input | Iterable[Input], settings: Settings | None = None,
                  stdin: IO[str] | None = None) -> ReadResult:
    """All articles of `inputs`, cleaned, with what was skipped and why."""
    result = ReadResult()
    result.articles = list(iter_articles(inputs, settings, stdin, on_skip=result.skipped.append,
                                         on_warning=result.warnings.append))
    return result
