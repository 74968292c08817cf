"""The summary's editor: sentences that read alone, a lead first, corroborated points next, sorted
citations.

The summarizer (`summarize.py`) decides which points cover the story; this package decides how they
read. `standalone.py` tests and repairs a candidate sentence (spaCy's parse, the model the facts
stage loads), `order.py` picks the lead, admits single-source points only when nothing corroborated
fits, and orders the rest; `cite.py` builds each `SummaryItem` with its evidence and sorted sources;
`discourse.py` holds the closed lists of English words that make a sentence lean on the one before.
"""

from newsfuse.editor.cite import shorten_names, summary_item
from newsfuse.editor.order import admissible, lead_sentences, outcome_sentences, reading_order
from newsfuse.editor.standalone import Edited, apply_edits, standalone_sentences

__all__ = ["Edited", "admissible", "apply_edits", "lead_sentences", "outcome_sentences", "reading_order", "shorten_names",
           "standalone_sentences", "summary_item"]
