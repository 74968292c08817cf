"""Reading articles: files (.txt, .html/.htm, .jsonl/.json), folders, globs, JSONL on stdin, dicts,
text and Articles in; clean Articles out, with what was skipped and why (`newsfuse.types.Skipped`).

    from newsfuse.ingest import read_articles
    result = read_articles(["seeds/", "extra.html"])
    result.articles, result.skipped

Every reader lives in this package: `reader` (article files, for `brief` and `ingest`), `feeds`
(RSS, Atom, OPML), `warc`, `urls` (pages and URL lists), and `sources`, the ingest's dispatcher over
all of them; `kinds` tells which reader an input is for.
"""

from newsfuse.ingest.reader import iter_articles, looks_like_path, read_articles
from newsfuse.ingest.report import ReadResult

__all__ = ["ReadResult", "iter_articles", "looks_like_path", "read_articles"]
