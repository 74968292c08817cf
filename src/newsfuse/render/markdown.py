"""The brief as Markdown: what a reader sees in a terminal or pastes into a note."""

from __future__ import annotations

from newsfuse.render.notes import notes_shown
from newsfuse.render.plural import count
from newsfuse.types import Brief, Source

MAX_LISTED = 12  # claims / entities shown per section before "... and N more"
UNIQUE_SHOWN = 2  # claims of its own listed under each source


def _outlets(brief: Brief, sources: list[str]) -> str:
    label = {s.article.id: s.article.outlet_label for s in brief.sources}
    names = list(dict.fromkeys(label.get(sid, sid) for sid in sources))
    return ", ".join(names[:2]) + (f" +{len(names) - 2}" if len(names) > 2 else "")


def _cite(brief: Brief, ids: list[str]) -> str:
    numbers = {s.article.id: s.number for s in brief.sources}
    return "".join(f"[{n}]" for n in sorted({numbers[i] for i in ids if i in numbers}))


def _label(s: Source) -> str:
    a = s.article
    parts = [a.outlet_label]
    if a.published:
        parts.append(a.published.isoformat())
    head = ", ".join(parts)
    return f"{head} — {a.title}" if a.title else head


def _escape(text: str) -> str:
    # Article text is untrusted: keep it from turning into Markdown links, images, headings or HTML.
    out = text.replace("\\", "\\\\")
    for ch in "`*_[]<>|#":
        out = out.replace(ch, "\\" + ch)
    return out


def render_markdown(brief: Brief) -> str:
    lines: list[str] = []
    title = brief.title or next((s.article.title for s in brief.sources if s.article.title), "") or brief.id
    lines += [f"# {_escape(title)}", ""]
    n_origins = len({s.origin for s in brief.sources})
    lines.append(f"*{count(len(brief.sources), 'source')}, {n_origins} independent; "
                 f"{count(len(brief.claims), 'claim')}; {count(len(brief.conflicts), 'conflict')}.*")
    lines += ["", "## Summary", ""]
    for item in brief.summary:
        support = f" _(×{item.independent})_" if item.independent > 1 else ""
        disputed = " **⚠ disputed**" if item.conflicts else ""
        lines.append(f"- {_escape(item.text)} {_cite(brief, item.sources)}{support}{disputed}")
    if brief.conflicts:
        lines += ["", "## Where sources disagree", ""]
        for c in brief.conflicts:
            sides = "; ".join(f"**{_escape(v.value)}** {_cite(brief, v.sources)}" for v in c.values)
            sure = "likely" if c.confidence >= 0.7 else "possible"
            lines.append(f"- {_escape(c.about)} ({c.kind}, {sure} {c.confidence:.0%}): {sides}")
            if c.note:
                lines.append(f"  - {_escape(c.note)}")
    if brief.updates:
        lines += ["", "## How the story developed", ""]
        for u in brief.updates:
            steps = " → ".join(f"**{_escape(v.value)}** ({_escape(_outlets(brief, v.sources))}, {v.at.day} {v.at:%b}) "
                               f"{_cite(brief, v.sources)}" for v in u.values)
            lines.append(f"- {_escape(u.about)}: {steps}")
    corroborated = [c for c in brief.claims if c.independent > 1]
    if corroborated:
        lines += ["", "## Claims reported by several sources", ""]
        for claim in corroborated[:MAX_LISTED]:
            lines.append(f"- {_escape(claim.text)} {_cite(brief, claim.sources)} _(×{claim.independent})_")
        if len(corroborated) > MAX_LISTED:
            lines.append(f"- … and {len(corroborated) - MAX_LISTED} more")
    said = [q for q in brief.quotes if not q.term]  # a quoted term is nobody's words
    if said:
        lines += ["", "## Who said what", ""]
        for q in said[:MAX_LISTED]:
            who = q.speaker or "unattributed"
            lines.append(f"- **{_escape(who)}**: “{_escape(q.text)}” {_cite(brief, q.sources)}")
    terms = [q for q in brief.quotes if q.term]
    if terms:
        lines += ["", "Quoted terms: " + ", ".join(f"“{_escape(q.text)}”" for q in terms[:MAX_LISTED])]
    for heading, events in (("Timeline", brief.timeline), ("Background", brief.background)):
        if events:
            lines += ["", f"## {heading}", ""]
            lines += [f"- {t.when}: {_escape(t.text)} {_cite(brief, t.sources)}" for t in events]
    if brief.entities:
        lines += ["", "## People, places, organisations", ""]
        for kind in ("person", "organization", "place"):
            names = [e.name for e in brief.entities if e.kind == kind]
            if names:
                lines.append(f"- {kind.title()}s: {_escape(', '.join(names[:20]))}")
    lines += ["", "## Coverage: what only one source says, what each leaves out", ""]
    claims = {c.id: c for c in brief.claims}
    for s in brief.sources:
        own = [claims[i] for i in brief.unique.get(s.article.id, []) if i in claims]
        left_out = brief.missing.get(s.article.id, [])
        lines.append(f"- [{s.number}] {_escape(s.article.outlet_label)}: {count(len(own), 'claim')} of its own"
                     + (f"; leaves out {count(len(left_out), 'widely reported claim')}" if left_out else ""))
        for claim in own[:UNIQUE_SHOWN]:
            lines.append(f"  - {_escape(claim.text)}")
    lines += ["", "## Sources", ""]
    for s in brief.sources:
        copies = [o.number for o in brief.sources if o.origin == s.origin and o is not s]
        copy_note = f" (same origin as {', '.join(f'[{n}]' for n in copies)})" if copies else ""
        lines.append(f"{s.number}. {_escape(_label(s))}{copy_note} — {count(len(s.article.removed), 'noise line')} removed")
    removed = [(s, r) for s in brief.sources for r in s.article.removed]
    if removed:
        lines += ["", "## Removed as noise", ""]
        for s, r in removed:
            text = r.text if len(r.text) <= 80 else r.text[:77] + "..."
            lines.append(f"- [{s.number}] {r.reason}: “{_escape(' '.join(text.split()))}”")
    notes = notes_shown(brief)
    if notes:
        lines += ["", "## Notes", ""]
        lines += [f"- {_escape(n)}" for n in notes]
    return "\n".join(lines) + "\n"
