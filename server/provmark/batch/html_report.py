"""The provenance report as one self-contained HTML file: inline CSS, inline SVG charts,
one small inline script (expand/collapse all, open everything for printing). Nothing
is fetched when it is viewed: no CDN, no remote fonts, no external script, no image
but inline SVG; its own Content-Security-Policy says so, so a browser would refuse a
fetch even if one slipped in.

It works in a VS Code webview under a strict, nonce-based CSP: no inline event handler
and no `style` attribute (bars are SVG presentation attributes, colours are classes);
drill-down is <details>/<summary>. With `nonce`, the <style> and <script> carry it and
the page's CSP allows only them.

Every name and path is escaped (paths can hold `<`, `&`, quotes). No source text: the
model it draws holds paths, names and counts only.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from html import escape

from provmark.batch.report_model import (
    EARLIER,
    KINDS,
    UNCOMMITTED,
    UNDATED,
    FileStat,
    Lines,
    MonthRow,
    Node,
    Overview,
    Pipeline,
)

KIND_WORDS = {"tagged": "tagged AI", "unreviewed": "unreviewed", "detected": "detected only"}
REASON_WORDS = {
    "whole": "whole files",
    "tagged": "tagged",
    "unreviewed": "unreviewed",
    "commit": "AI-declaring commits",
    "style": "content model",
}
_NONCE = re.compile(r"^[A-Za-z0-9+/=_-]{8,128}$")


def e(value: object) -> str:
    """Escaped for HTML text and attribute values alike."""
    return escape(str(value), quote=True)


def num(n: int) -> str:
    return f"{n:,}"


def count(n: int, word: str) -> str:
    """`n` and the word, plural unless one: "1 file", "2 files"."""
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def pct(part: int, whole: int) -> str:
    if whole <= 0:
        return "-"
    share = 100.0 * part / whole
    return f"{share:.1f}%" if share >= 0.1 or part == 0 else "<0.1%"


def render(ov: Overview, nonce: str | None = None) -> str:
    """The whole page. `nonce` (for a webview's CSP) must be 8-128 base64 characters."""
    if nonce is not None and not _NONCE.match(nonce):
        raise ValueError("the CSP nonce must be 8 to 128 characters of A-Z a-z 0-9 + / = _ -")
    n = f' nonce="{e(nonce)}"' if nonce else ""
    allow = f"'nonce-{nonce}'" if nonce else "'unsafe-inline'"
    csp = (
        f"default-src 'none'; img-src data:; style-src {allow}; script-src {allow}; base-uri 'none'; form-action 'none'"
    )
    body = "\n".join(
        [
            _header(ov),
            _cards(ov),
            _notes(ov),
            _status(ov),
            _folders(ov),
            _tools(ov),
            _time(ov),
            _files(ov),
            _pipeline(ov.pipeline, ov.lines),
            _problems(ov),
            _footer(ov),
        ]
    )
    data = json.dumps(ov.summary(), sort_keys=True).replace("<", "\\u003c").replace(">", "\\u003e")
    data = data.replace("&", "\\u0026")
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{e(csp)}">\n'
        f"<title>Provenance report: {e(ov.name)}</title>\n"
        f"<style{n}>{CSS}</style>\n</head>\n<body>\n{body}\n"
        f'<script type="application/json" id="provmark-summary">{data}</script>\n'
        f"<script{n}>{SCRIPT}</script>\n</body>\n</html>\n"
    )


# -- pieces ---------------------------------------------------------------------------------
def _header(ov: Overview) -> str:
    links = "".join(
        f'<a href="#{k}">{w}</a>'
        for k, w in (
            ("status", "Status"),
            ("folders", "Folders"),
            ("tools", "Tools"),
            ("time", "Over time"),
            ("files", "Files"),
            ("pipeline", "Training"),
            ("problems", "Problems"),
        )
    )
    return (
        f"<header><h1>Provenance report: {e(ov.name)}</h1>"
        f'<p class="meta">{e(ov.root)} · generated {e(ov.generated)} by Provmark {e(ov.version)} · '
        f"warning at score {ov.warn_threshold:g}, reported from {ov.report_threshold:g}</p>"
        f'<nav class="toc">{links}</nav></header>'
    )


def _card(key: str, label: str, value: int, sub: str = "") -> str:
    return (
        f'<div class="card" id="card-{key}"><span class="lbl">{e(label)}</span>'
        f'<b data-value="{value}">{num(value)}</b><span class="sub">{e(sub)}</span></div>'
    )


def _cards(ov: Overview) -> str:
    t, s, p = ov.totals, ov.status, ov.pipeline
    cards = [
        _card("files", "source files scanned", t["files"], f"{num(ov.lines)} lines"),
        _card("ai-lines", "AI-written lines", s.total, f"{pct(s.total, ov.lines)} of the lines scanned"),
        _card("untagged", "untagged AI lines", t["ai_lines"], f"{count(t['flagged'], 'block')} flagged"),
        _card("tagged", "tagged AI lines", t["tagged_ai_lines"], f"{count(t['tagged'], 'tagged region')}"),
        _card("unreviewed", "unreviewed AI lines", s.unreviewed, "recorded, nobody decided"),
        _card("detected", "detected-only AI lines", s.detected, "no record at all"),
        _card("left-out", "lines left out of training", p.lines, f"{count(p.whole_files, 'file')} whole"),
        _card("broken", "broken sidecars", ov.sidecars.broken_count, f"{count(t['stale'], 'stale record')}"),
    ]
    return f'<section id="summary" class="cards">{"".join(cards)}</section>'


def _notes(ov: Overview) -> str:
    if not ov.notes:
        return ""
    items = "".join(f"<li>{e(x)}</li>" for x in ov.notes)
    return f'<section id="notes" class="notes"><h2>Read this first</h2><ul>{items}</ul></section>'


Cell = str | int  # HTML already escaped, or a count (right-aligned)


def _table(cls: str, head: Sequence[str], rows: Sequence[Sequence[Cell]]) -> str:
    """A table; counts are formatted and right-aligned, text cells are given as HTML."""

    def cell(c: Cell) -> str:
        return f"<td class='r'>{num(c)}</td>" if isinstance(c, int) else f"<td>{c}</td>"

    body = "".join("<tr>" + "".join(cell(c) for c in r) + "</tr>" for r in rows)
    return f"<table class='{cls}'><tr>{''.join(f'<th>{h}</th>' for h in head)}</tr>{body}</table>"


def _swatch(kind: str, words: str) -> str:
    return f"<span class='sw k-{kind}'></span>{e(words)}"


def _legend(kinds: Sequence[tuple[str, str]]) -> str:
    return '<p class="legend">' + "".join(f'<span class="sw k-{c}"></span>{e(w)} ' for c, w in kinds) + "</p>"


AI_LEGEND = [(k, KIND_WORDS[k]) for k in KINDS]


def _stack(
    parts: Sequence[tuple[str, int, str]], whole: int, width: float, height: int, label: str | None = None
) -> str:
    """One horizontal stacked bar: (class, value, tooltip) segments over `whole`. Without
    `label` the numbers are written beside it: no tooltips, hidden from screen readers
    (the tree's and tables' rows stay small on huge trees)."""
    out = [f'<rect class="bg" width="{width:g}" height="{height}"/>']
    x = 0.0
    for cls, value, tip in parts:
        if value <= 0 or whole <= 0:
            continue
        w = min(width - x, width * value / whole)
        title = f"<title>{e(tip)}</title>" if label else ""
        out.append(f'<rect class="k-{cls}" x="{x:.1f}" width="{max(w, 0.8):.1f}" height="{height}">{title}</rect>')
        x += w
    role = f'role="img" aria-label="{e(label)}"' if label else 'aria-hidden="true"'
    return (
        f'<svg class="bar" viewBox="0 0 {width:g} {height}" width="{width:g}" height="{height}" {role}>'
        f"{''.join(out)}</svg>"
    )


def _bar(ai: Lines, whole: int, cls: str = "cbar") -> str:
    """A small stacked bar of AI lines over `whole`, drawn with CSS classes (widths in
    steps of 1%, `w0`..`w100`): a few dozen bytes, where an SVG bar takes hundreds, for
    the rows a huge tree has many of. The numbers are written beside it."""
    if whole <= 0:
        return f'<span class="{cls}"></span>'
    out, done, shown = [], 0.0, 0
    for k in KINDS:
        value = getattr(ai, k)
        if value <= 0:
            continue
        done += 100.0 * value / whole
        w = max(1, min(100, round(done)) - shown)  # cumulative rounding: the steps add up
        w = min(w, 100 - shown)
        if w > 0:
            out.append(f'<i class="k-{k} w{w}"></i>')
            shown += w
    return f'<span class="{cls}">{"".join(out)}</span>'


def _ai_parts(ai: Lines, of: str) -> list[tuple[str, int, str]]:
    return [(k, getattr(ai, k), f"{num(getattr(ai, k))} {KIND_WORDS[k]} lines{of}") for k in KINDS]


def _status(ov: Overview) -> str:
    s, t = ov.status, ov.totals
    if not s.total:
        body = "<p class='empty'>No AI-written lines: nothing tagged, recorded or detected.</p>"
    else:
        rows: list[list[Cell]] = [
            [_swatch(k, KIND_WORDS[k]), getattr(s, k), pct(getattr(s, k), s.total)] for k in KINDS
        ]
        body = (
            _stack(_ai_parts(s, ""), s.total, 900, 28, "AI-written lines by status")
            + _legend(AI_LEGEND)
            + _table("small", ["status", "lines", "share"], rows)
        )
    return (
        '<section id="status"><h2>Tagged, unreviewed, detected only</h2>'
        "<p class='how'>AI-written lines by what is known of them: <b>tagged</b> (a sidecar record says "
        "AI-written), <b>unreviewed</b> (Provmark recorded a flag nobody has decided on), <b>detected "
        "only</b> (the scan flags it, at or above the warning threshold, and nothing is recorded). "
        "Unreviewed and detected-only lines make the scan's <code>ai_lines</code>; tagged lines its "
        f"<code>tagged_ai_lines</code>. Below the warning: {num(t['unclear'])} unclear blocks "
        f"({num(ov.unclear_lines)} lines), not counted as AI-written.</p>{body}</section>"
    )


# -- folders ------------------------------------------------------------------------------
def _node_row(node: Node, label: str) -> str:
    share = pct(node.ai.total, node.lines)
    what = "file" if node.is_file else count(node.files, "file")
    return (
        f'<span class="nm" title="{e(node.path or label)}">{e(label)}</span>'
        f"{_bar(node.ai, node.lines)}"
        f'<span class="nums"><b>{share}</b> AI · {num(node.ai.total)} / {num(node.lines)} lines · {what}'
        f"{f' · {num(node.ai.untagged)} untagged' if node.ai.untagged else ''}</span>"
    )


def _node(node: Node, label: str, open_: bool = False) -> str:
    if node.is_file or (not node.children and not node.more):
        return f'<div class="leaf{" file" if node.is_file else ""}">{_node_row(node, label)}</div>'
    # An open folder with a single child folder opens it too: no clicking down a chain.
    only = open_ and len(node.children) == 1 and not node.plain_files and not node.more
    kids = [_node(c, c.name + ("" if c.is_file else "/"), only) for c in node.children]
    if node.plain_files:
        kids.append(
            f'<div class="leaf more"><span class="nm">{count(node.plain_files, "file")} with no AI lines</span>'
            f"{_bar(Lines(), node.plain_lines)}"
            f'<span class="nums">{count(node.plain_lines, "line")}</span></div>'
        )
    if node.more:
        kids.append(
            f'<div class="leaf more"><span class="nm">… {num(node.more)} more</span>'
            f"{_bar(node.more_ai, node.more_lines)}"
            f'<span class="nums">{num(node.more_ai.total)} AI of {num(node.more_lines)} lines</span></div>'
        )
    return (
        f"<details{' open' if open_ else ''}><summary>{_node_row(node, label)}</summary>"
        f'<div class="kids">{"".join(kids)}</div></details>'
    )


def _folders(ov: Overview) -> str:
    if not ov.totals["files"]:
        return '<section id="folders"><h2>By folder</h2><p class="empty">No source files scanned.</p></section>'
    lim = ov.limits
    return (
        '<section id="folders"><h2>By folder</h2>'
        "<p class='how'>Share of each folder's lines that are AI-written (tagged, unreviewed, detected "
        "only); open a folder to see its folders and the files with AI lines in it, most first. "
        f"At most {num(lim.tree_nodes)} folders and files are shown; the rest of a folder is one "
        f"“more” row; folders deeper than {lim.tree_depth} levels count in their ancestor.</p>"
        '<p class="controls"><button type="button" id="expand-all">Expand all</button> '
        '<button type="button" id="collapse-all">Collapse all</button></p>'
        f'{_legend(AI_LEGEND)}<div class="tree">{_node(ov.folders, ov.name + "/", True)}</div></section>'
    )


# -- tools --------------------------------------------------------------------------------
def _hbars(rows: Sequence[tuple[str, Lines]], label: str) -> str:
    """Horizontal stacked bars, one per row, scaled to the largest."""
    top = max((r.total for _, r in rows), default=0) or 1
    h, lw, bw = 22, 300, 520
    out: list[str] = []
    for i, (name, ai) in enumerate(rows):
        y = i * h
        short = name if len(name) <= 44 else name[:43] + "…"
        out.append(f'<text class="lab" x="0" y="{y + 15}">{e(short)}<title>{e(name)}</title></text>')
        x = float(lw)
        for k in KINDS:
            v = getattr(ai, k)
            if v:
                w = max(bw * v / top, 0.8)
                out.append(
                    f'<rect class="k-{k}" x="{x:.1f}" y="{y + 3}" width="{w:.1f}" height="{h - 6}">'
                    f"<title>{e(name)}: {num(v)} {KIND_WORDS[k]} lines</title></rect>"
                )
                x += w
        out.append(f'<text class="val" x="{x + 6:.1f}" y="{y + 15}">{num(ai.total)}</text>')
    height = max(h * len(rows), h)
    width = lw + bw + 80
    return (
        f'<svg class="chart" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
        f'aria-label="{e(label)}">{"".join(out)}</svg>'
    )


def _tools(ov: Overview) -> str:
    if not ov.tools:
        body = "<p class='empty'>No AI-written lines, so no tool or model to name.</p>"
    else:
        rows = [(r.tool + (f" · {r.model}" if r.model else ""), r.ai) for r in ov.tools]
        table: list[list[Cell]] = [
            [e(r.tool), e(r.model or "-"), r.ai.tagged, r.ai.unreviewed, r.ai.detected, r.files] for r in ov.tools
        ]
        more = f"<p class='more'>… and {num(ov.tools_more)} more tool/model pairs.</p>" if ov.tools_more else ""
        body = (
            _hbars(rows, "AI-written lines by tool and model")
            + _legend(AI_LEGEND)
            + _table("small", ["tool", "model", "tagged", "unreviewed", "detected only", "files"], table)
            + more
        )
    return (
        '<section id="tools"><h2>By tool and model</h2>'
        "<p class='how'>The tool a record, an AI tool's session log or a declaring commit names; lines the "
        "content model alone flags name no tool. Models come from records and session logs.</p>"
        f"{body}</section>"
    )


# -- over time ----------------------------------------------------------------------------
def _columns(rows: Sequence[tuple[str, Sequence[tuple[str, int, str]]]], label: str) -> str:
    """Vertical stacked bars over months: (month, [(class, value, tooltip)])."""
    top = max((sum(v for _, v, _ in parts) for _, parts in rows), default=0) or 1
    n = len(rows)
    plot_h, left, width, right = 180, 56, 940, 44  # room at the right for the last label
    named = [i for i, (m, _) in enumerate(rows) if m not in (EARLIER, UNCOMMITTED, UNDATED)]
    slot = (width - left - right) / max(n, 1)
    bar = max(min(slot * 0.75, 36.0), 1.0)
    every = max(1, -(-n // 14))  # at most about 14 labels along the axis
    out = [
        f'<line class="axis" x1="{left}" y1="{plot_h}" x2="{width}" y2="{plot_h}"/>',
        f'<text class="tick" x="{left - 6}" y="12" text-anchor="end">{num(top)}</text>',
        f'<text class="tick" x="{left - 6}" y="{plot_h}" text-anchor="end">0</text>',
        f'<line class="grid" x1="{left}" y1="4" x2="{width}" y2="4"/>',
    ]
    for i, (month, parts) in enumerate(rows):
        x = left + i * slot + (slot - bar) / 2
        y = float(plot_h)
        for cls, value, tip in parts:
            if value <= 0:
                continue
            hgt = max((plot_h - 4) * value / top, 0.8)
            y -= hgt
            out.append(
                f'<rect class="k-{cls}" x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" height="{hgt:.1f}">'
                f"<title>{e(month)}: {e(tip)}</title></rect>"
            )
        # Months along the first row of labels (every few, and the last); the special
        # columns (earlier, not committed, undated) on a second row, so none overlap.
        special = month in (EARLIER, UNCOMMITTED, UNDATED)
        if special or (named and (named[-1] - i) % every == 0):  # counted back from the newest month
            y_label = plot_h + (28 if special else 14)
            out.append(f'<text class="tick" x="{x + bar / 2:.1f}" y="{y_label}" text-anchor="middle">{e(month)}</text>')
    return (
        f'<svg class="chart" viewBox="0 0 {width} {plot_h + 34}" width="{width}" height="{plot_h + 34}" '
        f'role="img" aria-label="{e(label)}">{"".join(out)}</svg>'
    )


def _committed(rows: Sequence[MonthRow]) -> str:
    data = [
        (
            r.month,
            [(k, getattr(r.committed, k), f"{num(getattr(r.committed, k))} {KIND_WORDS[k]} lines") for k in KINDS],
        )
        for r in rows
    ]
    return _columns(data, "AI-written lines by the month they were committed")


def _recorded(rows: Sequence[MonthRow]) -> str:
    data = [
        (
            r.month,
            [
                ("tagged", r.recorded_ai, f"{num(r.recorded_ai)} lines tagged AI-written"),
                ("unreviewed", r.recorded_unreviewed, f"{num(r.recorded_unreviewed)} lines recorded unreviewed"),
                ("human", r.recorded_human, f"{num(r.recorded_human)} lines tagged as a person's"),
            ],
        )
        for r in rows
        if r.month not in (UNCOMMITTED, UNDATED) or r.recorded_ai + r.recorded_unreviewed + r.recorded_human
    ]
    return _columns(data, "Lines recorded in sidecars by month")


def _time(ov: Overview) -> str:
    committed = [r for r in ov.months if r.committed.total]
    recorded = [r for r in ov.months if r.recorded_ai + r.recorded_unreviewed + r.recorded_human]
    dated = [r for r in ov.months if r.month not in (UNCOMMITTED, UNDATED)]
    git_note = "" if ov.git == "ok" else f" ({e(ov.git)})"
    undated = (
        f" {num(ov.undated_files)} files with AI lines were not dated (beyond the "
        f"{num(ov.limits.blame_files)} with the most, past the time given to git blame, or git could not "
        "blame them): their lines are "
        "“undated”."
        if ov.undated_files
        else ""
    )
    first = (
        _committed([r for r in ov.months if r.month != UNDATED or r.committed.total]) + _legend(AI_LEGEND)
        if committed
        else "<p class='empty'>No AI-written lines to date.</p>"
    )
    second = (
        _recorded(ov.months) + _legend([*AI_LEGEND[:2], ("human", "tagged as a person's")])
        if recorded
        else "<p class='empty'>No records in sidecars.</p>"
    )
    span = f"{dated[0].month} to {dated[-1].month}" if dated else "no dated months"
    return (
        f'<section id="time"><h2>Over time, month by month</h2><p class="how">{e(span)}. '
        "The AI-written lines as the files stand now, by the month of the commit that last changed each "
        f"line (git blame, committer date, UTC){git_note}; lines not committed yet at the right.{undated}</p>"
        f"{first}<h3>Recorded in sidecars</h3><p class='how'>Lines of sidecar records by the month they were "
        f"created: tagged AI-written, recorded unreviewed, tagged as a person's.</p>{second}</section>"
    )


# -- files --------------------------------------------------------------------------------
def _file_row(s: FileStat) -> list[Cell]:
    share = _bar(s.ai, s.lines, "cbar small")
    tools = e(", ".join(s.tools) or "-")
    path = f"<span class='path'>{e(s.path)}</span>"
    return [path, s.ai.untagged, s.ai.unreviewed, s.ai.detected, s.ai.tagged, s.lines, share, f"{s.score:.2f}", tools]


FILE_HEAD = ["file", "untagged", "unreviewed", "detected only", "tagged", "lines", "share", "score", "tools"]


def _files(ov: Overview) -> str:
    if not ov.top_files:
        body = "<p class='empty'>No file has untagged AI-written lines.</p>"
    else:
        rest = ov.files_with_untagged - len(ov.top_files)
        more = f"<p class='more'>… and {num(rest)} more files with untagged AI lines.</p>" if rest > 0 else ""
        body = _table("files", FILE_HEAD, [_file_row(s) for s in ov.top_files]) + more
    return (
        '<section id="files"><h2>Files with the most untagged AI code</h2>'
        f"<p class='how'>Files with AI-written lines nobody tagged: {num(ov.files_with_untagged)}. "
        "<code>provmark review</code> and the editor's Provenance view resolve them. Score: the file's most telling "
        f"untagged flag.</p>{body}</section>"
    )


# -- the pipeline -------------------------------------------------------------------------
def _pipeline(p: Pipeline, scanned: int) -> str:
    policy = ", ".join(f"{k} = {v}" for k, v in p.policy.items())
    if p.error:
        body = f"<p class='empty'>The pipeline cannot say: {e(p.error)}</p>"
    elif not p.files:
        body = "<p class='empty'>The pipeline leaves nothing out: no sidecar, declaring commit or policy applies.</p>"
    else:
        reasons = [("whole", p.whole_lines), *((k, p.by_reason.get(k, 0)) for k in REASON_WORDS if k != "whole")]
        parts = [(k, v, f"{num(v)} lines: {REASON_WORDS[k]}") for k, v in reasons]
        table: list[list[Cell]] = [[_swatch(k, REASON_WORDS[k]), v] for k, v in reasons]
        rows: list[list[Cell]] = [
            [f"<span class='path'>{e(x.path)}</span>", x.lines, "whole file" if x.whole else "lines", e(x.status)]
            for x in p.top
        ]
        more = f"<p class='more'>… and {num(p.more)} more files.</p>" if p.more > 0 else ""
        status = ", ".join(f"{num(v)} {e(k)}" for k, v in sorted(p.by_status.items()))
        body = (
            f"<p><b>{num(p.lines)}</b> lines left out ({pct(p.lines, scanned)} of the lines scanned) from "
            f"{count(p.files, 'file')}: {num(p.whole_files)} whole ({count(p.whole_lines, 'line')}), "
            f"{count(p.range_lines, 'line')} from the others. Files by status: {status}.</p>"
            + _stack(parts, max(p.lines, 1), 900, 28, "Lines left out of training by reason")
            + _legend([(k, REASON_WORDS[k]) for k, _ in reasons])
            + _table("small", ["why", "lines"], table)
            + "<h3>Files the pipeline leaves most out of</h3>"
            + _table("files", ["file", "lines left out", "what", "status"], rows)
            + more
        )
    return (
        '<section id="pipeline"><h2>What the training pipeline leaves out</h2>'
        f"<p class='how'>Under the current policy ({e(policy)}), exactly as <code>provmark manifest</code> "
        "and <code>provmark filter</code> decide it. A file whose sidecar cannot be trusted, or whose record "
        f"cannot be found again, is left out whole.</p>{body}</section>"
    )


# -- problems -----------------------------------------------------------------------------
def _listing(title: str, items: Sequence[str], more: int) -> str:
    if not items:
        return ""
    tail = f"<li class='more'>… and {num(more)} more</li>" if more > 0 else ""
    return f"<h3>{e(title)}</h3><ul class='problems'>{''.join(f'<li>{x}</li>' for x in items)}{tail}</ul>"


def _problems(ov: Overview) -> str:
    side = ov.sidecars
    broken = [f"<span class='path'>{e(p)}</span>: {e(why)}" for p, why in side.broken]
    orphans = [f"<span class='path'>{e(p)}</span>" for p in side.orphans]
    pipe = [e(x) for x in ov.pipeline.problems]
    scan = [e(x) for x in ov.problems]
    skipped = ", ".join(f"{num(n)} {e(k)}" for k, n in ov.skipped.items())
    body = (
        _listing(f"Broken sidecars ({num(side.broken_count)})", broken, side.broken_count - len(broken))
        + _listing(
            f"Orphan sidecars: their file is gone ({num(side.orphan_count)})", orphans, side.orphan_count - len(orphans)
        )
        + _listing("Files the pipeline leaves out whole, and why", pipe, 0)
        + _listing("Other problems the scan met", scan, ov.problems_more)
    )
    if not body:
        body = "<p class='empty'>None: every sidecar reads, every record is found.</p>"
    records = ", ".join(f"{num(v)} {e(k)}" for k, v in sorted(side.by_status.items())) or "none"
    return (
        '<section id="problems"><h2>Problems</h2>'
        f"<p class='how'>{count(side.files, 'sidecar')}, {count(side.records, 'record')} ({records}). "
        f"Files not scanned: {skipped or 'none'}.</p>{body}</section>"
    )


def _footer(ov: Overview) -> str:
    return (
        "<footer><p>No source text is in this report: paths, names and counts only. Numbers are the "
        "same as <code>provmark scan --format json</code> (totals) and <code>provmark manifest</code> "
        "(what training leaves out) on this tree. Sections are capped "
        f"(top {num(ov.limits.top_files)} files, {num(ov.limits.tree_nodes)} tree rows, "
        f"{num(ov.limits.tools)} tools, {num(ov.limits.months)} months).</p></footer>"
    )


CSS_WIDTHS = "".join(f".w{i}{{width:{i}%}}" for i in range(101))
CSS = (
    CSS_WIDTHS
    + """
:root{--tagged:#2563eb;--unreviewed:#ea8a0c;--detected:#dc2626;--human:#16a34a;--commit:#7c3aed;
--style:#0891b2;--whole:#7f1d1d;--bg:#e5e7eb;--ink:#1f2937;--mute:#6b7280}
*{box-sizing:border-box;-webkit-print-color-adjust:exact;print-color-adjust:exact}
html,body{background:#fff;color:var(--ink)}
body{margin:0 auto;max-width:1120px;padding:16px 24px 40px;
font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
h1{font-size:22px;margin:8px 0 2px}h2{font-size:18px;margin:0 0 6px;break-after:avoid}
h3{font-size:15px;margin:14px 0 6px}
.meta,.how,.more{color:var(--mute)}.meta{margin:0 0 8px;word-break:break-all}
.toc a{margin-right:12px;color:var(--tagged);text-decoration:none}
section{margin:18px 0;padding:14px 16px;border:1px solid #e5e7eb;border-radius:8px}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(170px,1fr));gap:10px;border:0;padding:0}
.card{border:1px solid #e5e7eb;border-radius:8px;padding:10px 12px}
.card b{display:block;font-size:22px}.card .lbl,.card .sub{display:block;color:var(--mute);font-size:12px}
#card-untagged b,#card-detected b{color:var(--detected)}#card-unreviewed b{color:var(--unreviewed)}
#card-tagged b{color:var(--tagged)}
.notes{border-color:#f59e0b;background:#fffbeb}.notes ul{margin:0;padding-left:20px}
.empty{color:var(--mute);font-style:italic}
.k-tagged{fill:var(--tagged);background:var(--tagged)}.k-unreviewed{fill:var(--unreviewed);background:var(--unreviewed)}
.k-detected{fill:var(--detected);background:var(--detected)}.k-human{fill:var(--human);background:var(--human)}
.k-commit{fill:var(--commit);background:var(--commit)}.k-style{fill:var(--style);background:var(--style)}
.k-whole{fill:var(--whole);background:var(--whole)}.bg{fill:var(--bg)}
svg.bar{vertical-align:middle;max-width:100%;height:auto}
.cbar{display:inline-flex;width:220px;height:12px;background:var(--bg);vertical-align:middle;overflow:hidden}
.cbar.small{width:120px;height:10px}.cbar i{display:block;height:100%}
svg.chart{display:block;max-width:100%;height:auto}
svg text{font:11px system-ui,sans-serif;fill:var(--ink)}svg .tick{fill:var(--mute);font-size:10px}
.axis{stroke:#9ca3af}.grid{stroke:#e5e7eb;stroke-dasharray:3 3}
.legend{font-size:12px;color:var(--mute)}
.sw{display:inline-block;width:10px;height:10px;border-radius:2px;margin:0 4px 0 8px;vertical-align:baseline}
table{border-collapse:collapse;margin:8px 0;width:100%}table.small{width:auto}
th,td{padding:3px 8px;border-bottom:1px solid #f0f0f0;text-align:left;vertical-align:middle}
th{font-weight:600;font-size:12px;color:var(--mute)}td.r{text-align:right;font-variant-numeric:tabular-nums}
.path{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12px;word-break:break-all}
.tree summary,.tree .leaf{display:grid;grid-template-columns:minmax(0,1fr) 220px 420px;
gap:10px;align-items:center;padding:2px 0}
.tree summary{cursor:pointer;list-style:none}.tree summary::-webkit-details-marker{display:none}
.tree summary .nm::before{content:"▸ ";color:var(--mute)}.tree details[open]>summary .nm::before{content:"▾ "}
.tree .leaf .nm{padding-left:14px}.tree .file .nm{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12px}
.tree .nm{overflow:hidden;text-overflow:ellipsis;white-space:nowrap}.tree .nums{font-size:12px;color:var(--mute)}
.tree .nums b{color:var(--ink)}.kids{margin-left:14px;border-left:1px solid #e5e7eb;padding-left:6px}
.controls{display:none}.js .controls{display:block}
button{font:inherit;font-size:12px;padding:2px 10px;border:1px solid #d1d5db;border-radius:6px;background:#f9fafb;
cursor:pointer}
ul.problems li{margin:2px 0}
footer{color:var(--mute);font-size:12px}
@media print{body{max-width:none;padding:0;font-size:10pt}.toc,.controls{display:none!important}
section{break-inside:auto;border-color:#ccc}.cards,.card,tr,svg,.tree summary,.tree .leaf{break-inside:avoid}
a{color:inherit}}
@media print{details::details-content{content-visibility:visible;display:block}}
"""
)

# The only script: expand or collapse the whole tree, and open every folder for printing
# (a closed <details> prints closed). No inline handlers: a strict CSP allows this block
# by its nonce and nothing else.
SCRIPT = """
(function () {
  var root = document.documentElement;
  root.className += " js";
  function all(open) {
    var ds = document.querySelectorAll("details");
    for (var i = 0; i < ds.length; i++) { ds[i].open = open; }
  }
  var ex = document.getElementById("expand-all"), co = document.getElementById("collapse-all");
  if (ex) { ex.addEventListener("click", function () { all(true); }); }
  if (co) { co.addEventListener("click", function () { all(false); }); }
  var was = null;
  window.addEventListener("beforeprint", function () {
    var ds = document.querySelectorAll("details");
    was = [];
    for (var i = 0; i < ds.length; i++) { was.push(ds[i].open); }
    all(true);
  });
  window.addEventListener("afterprint", function () {
    var ds = document.querySelectorAll("details");
    if (!was) { return; }
    for (var i = 0; i < ds.length && i < was.length; i++) { ds[i].open = was[i]; }
    was = null;
  });
})();
"""
