import json
import subprocess
import sys
from pathlib import Path

import jsonschema

from provmark.pipeline.agent_trace import CONTRIBUTOR_OF_REASON, _conversations, contributor_type, export, model_id
from provmark.pipeline.exclusion import FileResult, manifest
from provmark.pipeline.policy import Policy
from provmark.sources import sidecar

SCHEMA = json.loads((Path(sidecar.__file__).parent.parent / "schemas" / "agent-trace-0.1.0.schema.json").read_text())
AI = [f"    v{k} = step(x, {k})" for k in range(6)]


def test_export_is_a_valid_agent_trace_record(tmp_path: Path) -> None:
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=tmp_path, check=True)
    (tmp_path / "a.py").write_text("import os\n" + "\n".join(AI) + "\n")
    origin = {"kind": "ai", "tool": "claude-code", "model": "claude-sonnet-4-5", "session": "s-1"}
    sidecar.update(tmp_path, "a.py", add=[sidecar.make_record(AI, 2, origin, "exclude")])
    sidecar.update(tmp_path, "gone.py", add=[sidecar.make_record(AI, 1, {"kind": "ai"}, "exclude")])
    rec = export(tmp_path)
    jsonschema.validate(rec, SCHEMA)
    [f] = rec["files"]
    [conv] = f["conversations"]
    assert f["path"] == "a.py"
    assert conv["contributor"] == {"type": "ai", "model_id": "anthropic/claude-sonnet-4-5"}
    assert conv["ranges"][0]["start_line"] == 2 and conv["ranges"][0]["end_line"] == 7
    assert {"type": "tool", "url": "urn:provmark:tool:claude-code"} in conv["related"]  # the tool is kept
    assert rec["metadata"]["dev.provmark"]["not_found"][0]["path"] == "gone.py"
    out = subprocess.run(
        [sys.executable, "-m", "provmark", "export", "--agent-trace", str(tmp_path)],
        capture_output=True,
        text=True,
        check=True,
    )
    jsonschema.validate(json.loads(out.stdout), SCHEMA)


def test_unreviewed_lines_are_never_exported_as_a_persons(tmp_path: Path) -> None:
    (tmp_path / "a.py").write_text("import os\n" + "\n".join(AI) + "\n")
    flagged = sidecar.make_record(AI, 2, {"kind": "unknown"}, "exclude", [], "provmark", "unreviewed", 0.9)
    sidecar.update(tmp_path, "a.py", add=[flagged])
    [conv] = export(tmp_path)["files"][0]["conversations"]
    assert conv["contributor"]["type"] == "unknown"


def test_model_ids() -> None:
    assert model_id("gpt-5-codex") == "openai/gpt-5-codex"
    assert model_id("google/gemini-2.5-pro") == "google/gemini-2.5-pro"
    assert model_id(None) is None


def test_an_unreviewed_ai_record_is_unknown_and_keeps_its_tool(tmp_path: Path) -> None:
    (tmp_path / "a.py").write_text("import os\n" + "\n".join(AI) + "\n")
    origin = {"kind": "ai", "tool": "codex", "model": "gpt-5-codex", "session": None}
    flagged = sidecar.make_record(AI[:3], 2, origin, "exclude", [], "provmark", "unreviewed", 0.8)
    tagged = sidecar.make_record(AI[3:], 5, origin, "exclude")
    sidecar.update(tmp_path, "a.py", add=[flagged, tagged])
    rec = export(tmp_path)
    jsonschema.validate(rec, SCHEMA)
    convs = {c["contributor"]["type"]: c for c in rec["files"][0]["conversations"]}
    assert set(convs) == {"unknown", "ai"}  # never "human"
    assert convs["unknown"]["contributor"] == {"type": "unknown", "model_id": "openai/gpt-5-codex"}
    assert {"type": "tool", "url": "urn:provmark:tool:codex"} in convs["unknown"]["related"]
    assert {"type": "provmark-reason", "url": "urn:provmark:reason:unreviewed"} in convs["unknown"]["related"]
    assert convs["unknown"]["ranges"][0]["start_line"] == 2 and convs["ai"]["ranges"][0]["start_line"] == 5


def test_what_the_trace_calls_excluded_is_the_manifest(tmp_path: Path) -> None:
    (tmp_path / "a.py").write_text("import os\n" + "\n".join(AI) + "\n")
    flagged = sidecar.make_record(AI[:3], 2, {"kind": "unknown"}, "exclude", [], "provmark", "unreviewed", 0.8)
    tagged = sidecar.make_record(AI[3:], 5, {"kind": "ai", "tool": "aider"}, "exclude")
    sidecar.update(tmp_path, "a.py", add=[flagged, tagged])
    sidecar.update(tmp_path, "gone.py", add=[sidecar.make_record(AI, 1, {"kind": "ai"}, "exclude")])
    for policy in (Policy(), Policy(unreviewed="include")):
        meta = export(tmp_path, policy)["metadata"]["dev.provmark"]
        assert meta["excluded"] == [r.to_json() for r in manifest(tmp_path, policy)]
        assert meta["policy"]["unreviewed"] == policy.unreviewed
    for flags in ([], ["--include-unreviewed"]):
        trace = subprocess.run(
            [sys.executable, "-m", "provmark", "export", "--agent-trace", *flags, str(tmp_path)],
            capture_output=True, text=True, check=True,
        )  # fmt: skip
        lines = subprocess.run(
            [sys.executable, "-m", "provmark", "manifest", *flags, str(tmp_path)],
            capture_output=True, text=True, check=True,
        )  # fmt: skip
        excluded = json.loads(trace.stdout)["metadata"]["dev.provmark"]["excluded"]
        assert excluded == [json.loads(x) for x in lines.stdout.splitlines()]
    assert [e["exclude"] for e in excluded] == [[[5, 7]], "all"]  # unreviewed kept: only the tagged lines


def test_each_reason_has_a_contributor_and_none_is_human() -> None:
    assert contributor_type("tagged", "mixed") == "mixed"
    assert contributor_type("unreviewed", "ai") == "unknown"
    assert contributor_type("commit") == "ai"
    assert contributor_type("some-new-reason") == "unknown"
    assert all(kind != "human" for kind in CONTRIBUTOR_OF_REASON.values())
    # lines left out for a reason no record carries: a conversation of their own
    result = FileResult("a.py", [(1, 3)], "fresh", reasons={"commit": [(1, 3)]})
    [conv] = _conversations(result, [], [])
    assert conv["contributor"] == {"type": "ai"} and conv["ranges"] == [{"start_line": 1, "end_line": 3}]


def test_lines_of_a_declaring_commit_are_ai_in_the_trace(tmp_path: Path) -> None:
    from support.workloads import git

    git(tmp_path, "init", "-q", "-b", "main")
    (tmp_path / "b.py").write_text("\n".join(AI) + "\n")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "add\n\nCo-Authored-By: Claude <noreply@anthropic.com>")
    rec = export(tmp_path)
    jsonschema.validate(rec, SCHEMA)
    [f] = rec["files"]
    [conv] = f["conversations"]
    assert conv["contributor"] == {"type": "ai"} and conv["ranges"] == [{"start_line": 1, "end_line": 6}]
    assert conv["related"] == [{"type": "provmark-reason", "url": "urn:provmark:reason:commit"}]
    assert rec["metadata"]["dev.provmark"]["excluded"] == [r.to_json() for r in manifest(tmp_path)]
