"""Findings as LSP diagnostics: the one place that translates the core's words into the
protocol's. The client shows `provmark` as the source; messages carry no prefix."""

from __future__ import annotations

from typing import Any

from lsprotocol import types as t

from provmark.core.findings import Finding

SOURCE = "provmark"
SEVERITY = {
    "warning": t.DiagnosticSeverity.Warning,
    "information": t.DiagnosticSeverity.Information,
    "hint": t.DiagnosticSeverity.Hint,
}


def to_diagnostic(f: Finding, width: int) -> t.Diagnostic:
    """`width`: the length of the finding's last line in the position encoding."""
    data: dict[str, Any] = {
        "score": f.score,
        "tool": f.tool,
        "insertion": f.insertion,
        "lines": [f.start + 1, f.end + 1],
        "evidence": f.evidence,
    }
    if f.record_id:
        data["record"] = f.record_id
    if f.model:
        data["model"] = f.model
    if f.session:
        data["session"] = f.session
    if f.tagged:
        data["tagged"] = f.tagged
    return t.Diagnostic(
        range=t.Range(t.Position(f.start, 0), t.Position(f.end, width)),
        message=f.message,
        severity=SEVERITY[f.severity],
        source=SOURCE,
        code=f.code,
        data=data,
    )
