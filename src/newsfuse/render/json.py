"""The brief as JSON (schema `newsfuse.brief/1`, documented in src/newsfuse/schema/brief.schema.json)."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from newsfuse.types import (
    Brief,
    Claim,
    Conflict,
    Entity,
    Evidence,
    Quote,
    Skipped,
    Source,
    SummaryItem,
    TimelineEvent,
    Update,
)

SCHEMA = "newsfuse.brief/1"


def _date(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _evidence(items: list[Evidence]) -> list[dict[str, Any]]:
    return [{"source": e.source, "sentence": e.sentence, "text": e.text} for e in items]


def _source(s: Source) -> dict[str, Any]:
    a = s.article
    return {
        "id": a.id, "number": s.number, "title": a.title, "outlet": a.outlet or None, "wire": a.wire or None, "url": a.url,
        "published": _date(a.published), "language": a.language, "origin": s.origin, "path": a.origin,
        "outlet_from": a.outlet_from, "published_from": a.published_from,
        "sentences": len(s.sentences), "words": len(a.text.split()),
        "removed": [{"text": r.text, "reason": r.reason, "line": r.line, "detail": r.detail} for r in a.removed],
    }


def _summary(item: SummaryItem) -> dict[str, Any]:
    return {"text": item.text, "sources": item.sources, "independent": item.independent, "claim": item.claim,
            "conflicts": item.conflicts, "evidence": _evidence(item.evidence),
            "edits": [{"start": e.start, "end": e.end, "original": e.original, "replacement": e.replacement,
                       "reason": e.reason} for e in item.edits]}


def _claim(c: Claim) -> dict[str, Any]:
    return {"id": c.id, "text": c.text, "sources": c.sources, "independent": c.independent,
            "centrality": round(c.centrality, 4), "against": c.against, "evidence": _evidence(c.evidence)}


def _conflict(c: Conflict) -> dict[str, Any]:
    return {"kind": c.kind, "about": c.about, "confidence": round(c.confidence, 3), "note": c.note,
            "values": [{"value": v.value, "normalized": v.normalized, "sources": v.sources,
                        "evidence": _evidence(v.evidence)} for v in c.values]}


def _quote(q: Quote) -> dict[str, Any]:
    return {"text": q.text, "speaker": q.speaker, "partial": q.partial, "term": q.term, "sources": q.sources,
            "variants": [{"text": v.text, "sources": v.sources, "evidence": _evidence(v.evidence)}
                         for v in q.variants]}


def _update(u: Update, label: dict[str, str]) -> dict[str, Any]:
    # "9 (Kessel Courier, 13 May) → 12 (The Herald, 14 May)": as the markdown and HTML show it
    def outlets(ids: list[str]) -> str:
        names = list(dict.fromkeys(label.get(i, i) for i in ids))
        return ", ".join(names[:2]) + (f" +{len(names) - 2}" if len(names) > 2 else "")

    line = " → ".join(f"{v.value} ({outlets(v.sources)}, {v.at.day} {v.at:%b})" for v in u.values)
    return {"kind": u.kind, "about": u.about, "note": u.note, "line": line, "confidence": u.confidence,
            "values": [{"value": v.value, "normalized": v.normalized, "at": v.at.isoformat(), "sources": v.sources,
                        "evidence": _evidence(v.evidence)} for v in u.values]}


def _entity(e: Entity) -> dict[str, Any]:
    return {"name": e.name, "kind": e.kind, "sources": e.sources, "titles": e.titles,
            "mentions": [{"text": m.text, "source": m.source, "sentence": m.sentence} for m in e.mentions]}


def _event(t: TimelineEvent) -> dict[str, Any]:
    return {"start": t.start.isoformat(), "end": t.end.isoformat(), "granularity": t.granularity, "text": t.text,
            "sources": t.sources, "borrowed_date": t.borrowed_date, "background": t.background,
            "evidence": _evidence(t.evidence)}


def _skipped(s: Skipped) -> dict[str, Any]:
    return {"source": s.source, "line": s.line, "unit": s.unit, "reason": s.reason}


def brief_to_dict(brief: Brief) -> dict[str, Any]:
    return {
        "schema": SCHEMA,
        "id": brief.id,
        "words": brief.words,
        "sources": [_source(s) for s in brief.sources],
        "summary": [_summary(i) for i in brief.summary],
        "claims": [_claim(c) for c in brief.claims],
        "unique": brief.unique,
        "missing": brief.missing,
        "conflicts": [_conflict(c) for c in brief.conflicts],
        "updates": [_update(u, {s.article.id: s.article.outlet_label for s in brief.sources}) for u in brief.updates],
        "quotes": [_quote(q) for q in brief.quotes],
        "entities": [_entity(e) for e in brief.entities],
        "timeline": [_event(t) for t in brief.timeline],
        "background": [_event(t) for t in brief.background],
        "notes": brief.notes,
        # What reading the input left out or read with a caveat: only when there was something.
        **({"skipped": [_skipped(s) for s in brief.skipped]} if brief.skipped else {}),
        **({"warnings": brief.warnings} if brief.warnings else {}),
        "settings": brief.settings,
    }


def render_json(brief: Brief, indent: int | None = 2) -> str:
    return json.dumps(brief_to_dict(brief), ensure_ascii=False, indent=indent)
