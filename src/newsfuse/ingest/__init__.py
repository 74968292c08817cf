"""Reading articles: files (.txt, .html/.htm, .jsonl/.json), folders, globs, JSONL on stdin, dicts,
text and Articles in; clean Articles out, with what was skipped and why.

    from newsfuse.ingest import read_articles
    result = read_articles(["seeds/", "extra.html"])
    result.articles, result.skipped
"""

from newsfuse.ingest.reader import iter_articles, looks_like_path, read_articles
from newsfuse.ingest.report import ReadResult

__all__ = ["ReadResult", "iter_articles", "looks_like_path", "read_articles"]
