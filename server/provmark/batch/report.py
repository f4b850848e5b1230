"""The scan's results as a text table, JSON, SARIF 2.1.0 (for code-scanning dashboards
such as GitHub's) or GitLab's Code Quality report. No source text in any of them: paths,
lines, names of definitions, scores and evidence."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from typing import Any

from provmark import __version__
from provmark.batch.scan import Report
from provmark.core.findings import report_message

RULES = {
    "ai-style": ("Code that reads as AI-written", "The content model scores this block as likely AI-written."),
    "ai-commit": ("Lines from a commit that declares an AI tool", "git blame gives these lines to such a commit."),
    "ai-transcript": ("Lines an AI tool wrote, per its session log", "A local transcript holds these lines."),
    # Unreviewed records keep the code of the flag they were raised as in the editor.
    "ai-paste": ("Unreviewed: arrived in bulk, reads as AI output", "The editor flagged it; nobody has tagged it."),
    "external-paste": ("Unreviewed: pasted in bulk from outside", "The editor flagged it; nobody has tagged it."),
    "agent-write": ("Unreviewed: written by another process", "An agent's write the editor flagged; not tagged."),
    "ai-tagged": ("Tagged as AI-written", "A sidecar record tags this region; the pipeline excludes it."),
    "human-tagged": ("Tagged as written by a person", "A sidecar record tags this region as hand-written."),
    "stale-record": ("A sidecar record whose lines are gone", "The record no longer matches the file's text."),
}
# What to do about a finding: GitHub code scanning shows a rule's help.text beside each
# alert (and counts it as required: docs.github.com, "SARIF support for code scanning").
_TAG_HELP = (
    'Tag the lines in the editor (the quick fixes "Tag as AI-generated" and "Tag as written by me"), '
    "or with `provmark precommit --tag-as ai|human FILE`; the record goes into .provmark/ and is committed "
    "with the file."
)
_HELP = {
    "ai-tagged": "Nothing to do: the training pipeline leaves these lines out.",
    "human-tagged": "Nothing to do: these lines stay in training data.",
    "stale-record": "Run `provmark check --fix` (a renamed file), or tag the lines again and drop the old record.",
}
_SARIF_LEVEL = {"warning": "warning", "information": "note"}
SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"


def to_sarif(report: Report) -> dict[str, Any]:
    rules = [
        {
            "id": rule,
            "name": "".join(w.capitalize() for w in rule.split("-")),
            "shortDescription": {"text": short},
            "fullDescription": {"text": full},
            "defaultConfiguration": {"level": "note" if rule in ("ai-tagged", "human-tagged") else "warning"},
            "help": {"text": f"{full} {_HELP.get(rule, _TAG_HELP)}"},
        }
        for rule, (short, full) in RULES.items()
    ]
    index = {r["id"]: i for i, r in enumerate(rules)}
    results = []
    for f in report.findings():
        if f.severity == "hint":
            # Tagged regions are decided, not problems; GitHub code scanning ignores SARIF's
            # `suppressions` and would open an alert for each. The totals count them.
            continue
        results.append(
            {
                "ruleId": f.code,
                "ruleIndex": index[f.code],
                "level": _SARIF_LEVEL[f.severity],
                "message": {"text": report_message(f)},
                "locations": [
                    {
                        "physicalLocation": {
                            "artifactLocation": {"uri": f.path, "uriBaseId": "SRCROOT"},
                            # Whole lines: no endColumn means to the end of endLine.
                            "region": {"startLine": f.start + 1, "startColumn": 1, "endLine": f.end + 1},
                        }
                    }
                ],
                "partialFingerprints": {"provmarkBlock/v1": f.fingerprint},
                "properties": {"score": f.score, "tool": f.tool, "evidence": f.evidence},
            }
        )
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "Provmark",
                        "version": __version__,
                        "rules": rules,
                    }
                },
                "originalUriBaseIds": {"SRCROOT": {"uri": _dir_uri(report.root)}},
                "results": results,
                "properties": {"totals": report.totals(), "skipped": report.skipped},
            }
        ],
    }


def _dir_uri(root: str) -> str:
    from pathlib import Path

    uri = Path(root).as_uri()
    return uri if uri.endswith("/") else uri + "/"


# GitLab's Code Quality report: a JSON array of issues with description, check_name,
# fingerprint, severity (info, minor, major, critical or blocker), location.path (relative
# to the repository) and location.lines.begin; GitLab ignores any other field of the Code
# Climate spec it comes from, and refuses a byte order mark. Source:
# https://docs.gitlab.com/ci/testing/code_quality/#code-quality-report-format
# ("Implement a custom tool" in older versions of doc/ci/testing/code_quality.md).
_CODEQUALITY_SEVERITY = {"warning": "major", "information": "info"}


def to_codequality(report: Report, prefix: str = "") -> list[dict[str, Any]]:
    """The findings worth a reviewer's look (warnings, unclear blocks, stale records; not
    tagged regions) as Code Quality issues. `prefix` is the scanned folder's path inside
    the repository. Fingerprints stay the same while a block's file changes elsewhere (the
    merge request widget compares them with the target branch's to tell new issues):
    a record's id, else the path, check and block name (and which of its name)."""
    issues: list[dict[str, Any]] = []
    seen: Counter[tuple[str, str, str]] = Counter()
    for f in report.findings():
        if f.severity == "hint":
            continue
        if f.record_id:
            key = f"record\0{f.record_id}"
        else:
            name = f.name or f"line {f.start + 1}"
            n = seen[(f.path, f.code, name)]
            seen[(f.path, f.code, name)] += 1
            key = f"block\0{f.path}\0{f.code}\0{name}\0{n}"
        issues.append(
            {
                "description": report_message(f),
                "check_name": f"provmark/{f.code}",
                "fingerprint": hashlib.md5(key.encode(), usedforsecurity=False).hexdigest(),
                "severity": "minor" if f.code == "stale-record" else _CODEQUALITY_SEVERITY[f.severity],
                "location": {"path": prefix + f.path, "lines": {"begin": f.start + 1, "end": f.end + 1}},
            }
        )
    return issues


def to_json_text(report: Report) -> str:
    return json.dumps(report.to_json(), indent=2) + "\n"


def to_table(report: Report, show_information: bool = False) -> str:
    """A plain table: one row per block worth reporting, then the totals."""
    rows: list[tuple[str, str, str, str, str, str]] = []
    for f in report.findings():
        if f.severity == "hint" or (f.severity == "information" and not show_information and f.code != "stale-record"):
            continue
        where = f"{f.path}:{f.start + 1}-{f.end + 1}"
        rows.append((where, f.name or "-", f.severity, f.code, f"{f.score:.2f}", f.tool or "-"))
    out: list[str] = []
    if rows:
        head = ("location", "block", "severity", "code", "score", "tool")
        widths = [max(len(r[i]) for r in [head, *rows]) for i in range(len(head))]
        for r in [head, *rows]:
            out.append("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip())
    t = report.totals()
    out.append(
        f"{t['files']} files scanned in {report.seconds:.2f} s ({report.cached_files} from cache): "
        f"{t['flagged']} likely AI-written blocks untagged ({t['ai_lines']} lines), "
        f"{t['unclear']} unclear, {t['tagged']} tagged, {t['stale']} stale records"
    )
    if report.skipped:
        out.append("skipped: " + ", ".join(f"{v} {k}" for k, v in sorted(report.skipped.items())))
    for p in report.problems:
        out.append(f"problem: {p}")
    return "\n".join(out) + "\n"
