"""The brief as one self-contained HTML page: no external assets, every article string escaped."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from functools import lru_cache
from typing import TypeVar

import jinja2

from newsfuse.render.notes import notes_shown
from newsfuse.render.plural import count
from newsfuse.types import Brief, Claim, Evidence, Sentence, Source

LEDGER_ROWS = 40  # corroborated claims shown in the grid; single-source ones are counted, not listed


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    # Autoescape everything: article text is untrusted, and a `<script>` in it must stay text.
    env = jinja2.Environment(loader=jinja2.PackageLoader("newsfuse.render", "templates"),
                             autoescape=True, trim_blocks=True, lstrip_blocks=True)
    env.filters["count"] = count
    return env


Cited = TypeVar("Cited", str, Evidence)


def citation_order(number: Mapping[str, int]) -> Callable[[Iterable[Cited]], list[Cited]]:
    """Article ids, or evidence, in citation-number order: [1][2][4], never [2][1][4]."""

    def order(items: Iterable[Cited]) -> list[Cited]:
        return sorted(items, key=lambda x: number.get(x if isinstance(x, str) else x.source, 0))

    return order


def paragraphs_of(source: Source) -> list[list[Sentence]]:
    """A source's sentences grouped by paragraph, for showing its cleaned text."""
    out: list[list[Sentence]] = []
    for s in source.sentences:
        if not out or out[-1][-1].paragraph != s.paragraph:
            out.append([])
        out[-1].append(s)
    return out


def render_html(brief: Brief) -> str:
    number = {s.article.id: s.number for s in brief.sources}

    def evidence_ids(items: Iterable[Evidence]) -> str:
        return " ".join(f"s-{number[e.source]}-{e.sentence}" for e in items if e.source in number)

    def claim_evidence(claim: Claim, article_id: str) -> Evidence | None:
        return next((e for e in claim.evidence if e.source == article_id), None)

    def first_sentence(items: list[Evidence], article_id: str) -> int:
        return next((e.sentence for e in items if e.source == article_id), 0)

    ledger = [c for c in brief.claims if len(c.sources) > 1][:LEDGER_ROWS]
    title = brief.title or next((s.article.title for s in brief.sources if s.article.title), "") or brief.id
    return environment().get_template("brief.html.j2").render(
        brief=brief, title=title, number=number,
        outlet={s.article.id: s.article.outlet_label for s in brief.sources},
        n_origins=len({s.origin for s in brief.sources}), ledger=ledger,
        more_claims=len(brief.claims) - len(ledger), evidence_ids=evidence_ids,
        claim_evidence=claim_evidence, first_sentence=first_sentence, paragraphs=paragraphs_of,
        in_order=citation_order(number),
        notes=notes_shown(brief),
    )
