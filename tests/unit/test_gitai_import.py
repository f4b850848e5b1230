import json
import subprocess
import sys
from pathlib import Path

from provmark.pipeline.exclusion import excluded_ranges
from provmark.pipeline.gitai_import import import_notes, parse_log
from support.workloads import git

HUMAN = [f"def handler_{i}(request):" for i in range(6)]
AI = [f"    value_{k} = transform(payload, option={k})" for k in range(8)]


def log(path: str, ranges: str, base: str) -> str:
    meta = {
        "schema_version": "authorship/3.0.0",
        "base_commit_sha": base,
        "prompts": {
            "abcd1234abcd1234": {
                "agent_id": {"tool": "claude", "id": "sess-9", "model": "claude-opus-4-5"},
                "messages": [{"type": "user", "text": "SECRET PROMPT"}],
                "total_additions": 8,
                "total_deletions": 0,
                "accepted_lines": 8,
                "overriden_lines": 0,
            }
        },
    }
    return f"{path}\n  abcd1234abcd1234 {ranges}\n---\n{json.dumps(meta)}\n"


def test_parse_log() -> None:
    atts, agents = parse_log(log('"src/my file.py"', "1-4,9,12-13", "x"))
    assert atts[0].path == "src/my file.py" and atts[0].ranges == [(1, 4), (9, 9), (12, 13)]
    assert agents["abcd1234abcd1234"]["tool"] == "claude"


def test_import_makes_sidecars_that_exclude_the_ai_lines(tmp_path: Path) -> None:
    git(tmp_path, "init", "-q", "-b", "main")
    (tmp_path / "a.py").write_text("\n".join(HUMAN + AI) + "\n")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "add")
    sha = git(tmp_path, "rev-parse", "HEAD").strip()
    git(tmp_path, "notes", "--ref=ai", "add", "-m", log("a.py", "7-14", sha), sha)
    # the file moved on since: two lines on top
    (tmp_path / "a.py").write_text("import os\nimport sys\n" + "\n".join(HUMAN + AI) + "\n")
    counts = import_notes(tmp_path)
    assert counts == {"logs": 1, "records": 1, "skipped": 0, "bad": 0}
    car = (tmp_path / ".provmark" / "a.py.json").read_text()
    [rec] = json.loads(car)["records"]
    assert rec["origin"] == {"kind": "ai", "tool": "claude-code", "model": "claude-opus-4-5", "session": "sess-9"}
    assert rec["tagged_by"] == "auto" and "SECRET" not in car
    text = (tmp_path / "a.py").read_text()
    assert excluded_ranges(tmp_path, "a.py", text) == ([(9, 16)], "relocated")
    assert import_notes(tmp_path)["records"] == 0  # idempotent
    out = subprocess.run(
        [sys.executable, "-m", "provmark", "import", "--git-ai", str(tmp_path)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "1 authorship logs read" in out.stdout
