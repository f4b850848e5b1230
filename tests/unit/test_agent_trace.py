import json
import subprocess
import sys
from pathlib import Path

import jsonschema

from provmark.pipeline.agent_trace import export, model_id
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
