"""Provmark on the sample workspace, without an editor.

Starts `provmark serve`, opens shop/cart.py (in a temporary copy), pastes the chat
answer the way an editor would, prints the warning, tags the pasted lines as
AI-generated and prints the sidecar that the training pipeline reads.

    python samples/demo.py
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
# The small LSP client the tests use lives in the repository's tests/support/.
sys.path.insert(0, str(HERE.parent / "tests"))

from support.lsp_client import StdioClient  # noqa: E402


def main() -> int:
    ws = Path(tempfile.mkdtemp(prefix="provmark-demo-")) / "shop"
    shutil.copytree(HERE / "shop", ws)
    client = StdioClient([sys.executable, "-m", "provmark", "serve"], cwd=str(ws))
    try:
        client.initialize(ws.as_uri())
        cart = ws / "cart.py"
        uri = cart.as_uri()
        text = cart.read_text()
        client.open(uri, text)
        line = text.count("\n")
        answer = (HERE / "chat-answer.md").read_text()
        lines = answer.count("\n")
        print(f"Pasting a chat answer ({lines} lines, prose around a fenced block) at the end of {cart.name} ...")
        client.insert(uri, 2, line, 0, "\n\n" + answer)
        if not client.wait(lambda: any(d["severity"] == 2 for d in client.diagnostics.get(uri, []))):
            print("no warning arrived: something is wrong", file=sys.stderr)
            return 1
        [d] = [d for d in client.diagnostics[uri] if d["severity"] == 2]
        r = d["range"]
        first, last = d["data"]["lines"]
        print(f"\nwarning on lines {first}-{last}, the {last - first + 1} lines pasted ({d['code']}):")
        print(f"  {d['message']}")
        for e in d["data"]["evidence"]:
            print(f"  evidence {e['signal']:<24} {e['weight']:+.2f}  {e['detail']}")
        rid = client.request(
            "workspace/executeCommand",
            {
                "command": "provmark.tag",
                "arguments": [
                    {"uri": uri, "range": r, "origin": {"kind": "ai", "tool": d["data"]["tool"]}, "training": "exclude"}
                ],
            },
        )
        client.wait(lambda: any(x["severity"] == 4 for x in client.diagnostics.get(uri, [])))
        [h] = client.diagnostics[uri]
        print(f"\nTagged (record {rid}); the editor now shows a quiet hint: {h['message']!r}")
        car = ws / ".provmark" / "cart.py.json"
        data = json.loads(car.read_text())
        for key in ("line_hashes", "squeezed_hashes"):  # one per line: the first three shown
            data["records"][0][key] = [*data["records"][0][key][:3], "..."]
        print(f"\n{car.relative_to(ws.parent)}:\n{json.dumps(data, indent=2)}")
        return 0
    finally:
        client.close()
        shutil.rmtree(ws.parent, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
