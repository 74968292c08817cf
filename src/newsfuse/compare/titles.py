"""Title conflicts: one person given two posts by different sources.

"Senior Deputy Foreign Minister" against "Deputy Foreign Minister" is a conflict; "Justice" against
"Associate Justice" is a short form. Apart from quotes because it reads the entity table's titles,
not what anyone said.
"""

from __future__ import annotations

from collections import defaultdict

from newsfuse.facts.entities import RANK_WORDS, EntityTable, TitleMention, title_head
from newsfuse.types import Conflict, ConflictValue, Evidence


def title_conflicts(table: EntityTable) -> list[Conflict]:
    """One person, two posts: "Senior Deputy Foreign Minister" vs "Deputy Foreign Minister"."""
    by_person: dict[str, list[TitleMention]] = defaultdict(list)
    for t in table.titles:
        by_person[t.person].append(t)
    out: list[Conflict] = []
    for person, mentions in by_person.items():
        keys: dict[frozenset[str], list[TitleMention]] = defaultdict(list)
        for t in mentions:
            keys[t.key].append(t)
        heads = {k: title_head(ts[0].title) for k, ts in keys.items()}
        clash = [k for k in keys if any(_titles_clash(k, o, heads) for o in keys if o != k)]
        if len(clash) < 2 or len({t.source for k in clash for t in keys[k]}) < 2:
            continue
        values = []
        for k in clash:
            ts = keys[k]
            values.append(ConflictValue(
                value=" / ".join(dict.fromkeys(t.title for t in ts)), normalized=" ".join(sorted(k)),
                sources=list(dict.fromkeys(t.source for t in ts)),
                evidence=list(dict.fromkeys(Evidence(t.source, t.sentence, t.text) for t in ts))))
        values.sort(key=lambda v: -len(v.sources))
        diff = sorted(set().union(*clash) - frozenset.intersection(*clash))
        out.append(Conflict(kind="title", about=f"{person}'s title", values=values, confidence=0.75,
                            note=f"the titles differ in: {', '.join(diff)}"))
    return out


def _titles_clash(a: frozenset[str], b: frozenset[str], heads: dict[frozenset[str], str]) -> bool:
    if heads.get(a) != heads.get(b):
        return False  # two different posts ("police chief", "superintendent") can both be held
    if len(a) == 1 or len(b) == 1:
        return False  # "Justice" for "Associate Justice": the bare post is a short form, not a rival
    only_a, only_b = a - b, b - a
    if (only_a | only_b) & RANK_WORDS:
        return True  # "Senior Deputy ..." vs "Deputy ...": a different rank
    return bool(only_a and only_b)  # "Foreign Minister" vs "Defense Minister"
