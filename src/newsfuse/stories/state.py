"""What grouping keeps of a story from one chunk (and one run) to the next, as a plain record.

It lives apart from `group` so that the store, which keeps it between runs, can hold it without
importing the grouping stage (and the feature and embedding code behind it).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np


@dataclass(slots=True)
class StoryState:
    """What grouping keeps of a story: the sum of its members' normalised term vectors and its span."""

    id: int
    terms: np.ndarray  # int32, sorted
    weights: np.ndarray  # float32
    size: int
    first_day: int  # date.toordinal()
    last_day: int
    joinable: bool = True  # False when started by a too-short article: only its copies may join
    vector: np.ndarray = field(default_factory=lambda: np.zeros(0, np.float32))  # sum of members' embeddings
    hub: float = 0.0  # sum of members' hubness excess (see `stories.group`)
    # Across languages (`stories.languages`): its members' cross-model vectors (`features.cross_vector`)
    # summed per language, one float32 row per language (2-D; empty when it has none), and the sum of
    # their number anchors, each normalised like `weights`, ids tagged with their language.
    xvector: np.ndarray = field(default_factory=lambda: np.zeros((0, 0), np.float32))
    anchor_terms: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int32))
    anchor_weights: np.ndarray = field(default_factory=lambda: np.zeros(0, np.float32))
