"""Coverage: per source, the claims only it makes and the widely reported claims it leaves out.

Needs only the claims and the sources' origins (no fact extraction), so the brief computes it with
or without the facts stage; apart from the conflict finders for that reason.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from newsfuse.types import Claim, Source


def coverage(sources: Sequence[Source], claims: Sequence[Claim]) -> tuple[dict[str, list[int]],
                                                                            dict[str, list[int]]]:
    """Per source: the claims only it (its origin) makes, and the widely reported claims it leaves out.

    Widely reported: made by at least half of the independent origins, and by at least two.
    """
    origin = {s.article.id: s.origin for s in sources}
    need = max(2, math.ceil(len(set(origin.values())) / 2))
    unique: dict[str, list[int]] = {aid: [] for aid in origin}
    missing: dict[str, list[int]] = {aid: [] for aid in origin}
    for c in claims:
        origins = {origin[s] for s in c.sources if s in origin}
        if len(origins) == 1:
            for s in dict.fromkeys(c.sources):
                if s in unique:
                    unique[s].append(c.id)
        if len(origins) >= need:
            for aid in origin:
                if aid not in c.sources:
                    missing[aid].append(c.id)
    return unique, missing
