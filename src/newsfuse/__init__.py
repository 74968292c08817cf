"""newsfuse: many news articles about one event in, one cited, corroborated brief out."""

import logging

from newsfuse.types import Article, Brief, Claim, Conflict, Evidence, Sentence, SummaryItem
from newsfuse.version import __version__

# A library logs; the application decides where logs go (the CLI reports skips itself).
logging.getLogger("newsfuse").addHandler(logging.NullHandler())

__all__ = ["Article", "Brief", "Claim", "Conflict", "Evidence", "Sentence", "SummaryItem", "__version__",
           "brief"]


def __getattr__(name: str) -> object:
    # `brief` pulls in the models' runtime; import it only when asked for.
    if name == "brief":
        from newsfuse.pipeline import brief

        return brief
    raise AttributeError(name)
