"""newsfuse: many news articles about one event in, one cited, corroborated brief out."""

from newsfuse.types import Article, Brief, Claim, Conflict, Evidence, Sentence, SummaryItem

__version__ = "0.1.0"

__all__ = ["Article", "Brief", "Claim", "Conflict", "Evidence", "Sentence", "SummaryItem", "__version__",
           "brief"]


def __getattr__(name: str) -> object:
    # `brief` pulls in the models' runtime; import it only when asked for.
    if name == "brief":
        from newsfuse.pipeline import brief

        return brief
    raise AttributeError(name)
