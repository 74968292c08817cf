"""Shared fixtures. Keep it small; add your own fixtures below, never rewrite others'."""

from __future__ import annotations

from pathlib import Path

import pytest

SHARED = Path(__file__).parents[1].parent / "shared"  # ../shared next to the repository
SEEDS = SHARED / "seeds"
EXAMPLES = Path(__file__).parents[1] / "src" / "newsfuse" / "examples"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    """The five seed articles (real scraped text): read from ../shared, never copied into the repo."""
    if not SEEDS.is_dir() or not any(SEEDS.glob("*.txt")):
        pytest.skip(f"seed articles not found at {SEEDS}")
    return SEEDS


@pytest.fixture(scope="session")
def examples_dir() -> Path:
    """The bundled fictional example (src/newsfuse/examples)."""
    return EXAMPLES


# --- the brief pipeline (lead) -------------------------------------------------------------------

@pytest.fixture(scope="session")
def seeds_brief(seeds_dir: Path):  # type: ignore[no-untyped-def]
    """The brief of the five seeds, built once with the shipped models (about a second)."""
    from newsfuse.pipeline import brief

    return brief(sorted(seeds_dir.glob("*.txt")))


@pytest.fixture(scope="session")
def hashing_settings():  # type: ignore[no-untyped-def]
    """Settings with the model-free embedder and no fact extraction: fast unit tests of the plumbing."""
    from newsfuse.config import load_settings

    return load_settings(env={}, embedder="hashing", facts=False)
