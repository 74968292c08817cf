"""Figures of two languages (issue 16, item 1): spelling that differs across languages is no evidence.

A French "deux objets" and an English "three objects" in sentences of one claim are one fact told
differently; before, the counted nouns' spellings ("objet" / "object") kept them from being paired,
and the same-fact model read every unequal word as evidence of two facts.
"""

from __future__ import annotations

import math

from newsfuse.compare.align import Alignment
from newsfuse.compare.quantities import _pairable, _same_measure
from newsfuse.compare.same_fact import ALL_FEATURES, SameFact
from newsfuse.compare.values import Stated, one_language
from newsfuse.facts.frames import Frame, apart
from newsfuse.facts.quantities import Found
from newsfuse.types import Claim, Evidence, Quantity


def _figure(source: str, value: float, head: str, lang: str, owners: frozenset[str] = frozenset(),
            before: tuple[str, ...] = ()) -> Stated:
    q = Quantity(text=str(value), kind="count", value=value, unit=head, measures=head, source=source, sentence=0)
    return Stated([Found(quantity=q, key=(source, 0), start=0, end=1, head=head, context=frozenset(), lang=lang,
                         frame=Frame(owners=owners), before=before)])


def _alignment() -> Alignment:
    claim = Claim(id=0, text="", evidence=[Evidence("fr", 0, ""), Evidence("en", 0, "")], sources=["fr", "en"],
                  independent=2)
    return Alignment([], [claim])


def test_languages_of_two_figures() -> None:
    fr, en, en2 = _figure("fr", 2, "objet", "fr"), _figure("en", 3, "object", ""), _figure("x", 3, "object", "en")
    assert not one_language(fr, en) and one_language(en, en2)  # "" (undetected) reads as English


def test_nouns_of_two_languages_do_not_keep_figures_of_one_claim_apart() -> None:
    fr, en = _figure("fr", 2, "objet", "fr"), _figure("en", 3, "object", "")
    assert _same_measure(fr, en, aligned=True) and _pairable(fr, en, [], strong=True)
    assert not _pairable(fr, en, [], strong=False)  # sentences that merely share words: not enough
    # In one language the noun still decides: two counts of different things stay apart.
    other = _figure("en2", 2, "boat", "")
    assert not _pairable(other, en, [], strong=True)


def test_names_spelt_in_two_languages_are_no_clash_but_a_denial_still_is() -> None:
    japon, japan = Frame(owners=frozenset({"japon"})), Frame(owners=frozenset({"japan"}))
    assert apart(japon, japan) and not apart(japon, japan, one_language=False)
    assert apart(Frame(negated=True), japan, one_language=False)


def test_the_same_fact_model_reads_unequal_spellings_across_languages_as_missing() -> None:
    fr = _figure("fr", 2, "objet", "fr", owners=frozenset({"japon"}), before=("deux",))
    en = _figure("en", 3, "object", "", owners=frozenset({"japan"}), before=("three",))
    model = SameFact([fr, en], _alignment(), [])
    x = dict(zip(ALL_FEATURES, model.features(0, 1), strict=True))
    assert x["aligned"] == 1.0 and x["claim"] == 1.0
    for name in ("head_same", "before_same", "owners_same", "owners_clash", "likeness", "rival_margin"):
        assert math.isnan(x[name]), name
    # A spelling two languages share is still evidence ("Tokyo"; nouns both fold to one concept).
    shared = SameFact([_figure("fr", 2, "peopl", "fr"), _figure("en", 3, "peopl", "")], _alignment(), [])
    assert dict(zip(ALL_FEATURES, shared.features(0, 1), strict=True))["head_same"] == 1.0
    # In one language an unequal noun is evidence, as before.
    same = SameFact([_figure("fr", 2, "objet", ""), _figure("en", 3, "object", "")], _alignment(), [])
    assert dict(zip(ALL_FEATURES, same.features(0, 1), strict=True))["head_same"] == 0.0
    assert 0.5 <= model(0, 1) <= 1.0
