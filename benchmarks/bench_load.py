"""Load: a burst of pastes at 200 a second, one 5 MB paste, and typing at 20 keys a
second in a 50,000-line file; through each, a client asks `provmark/status` and the
server's answers are timed (p50, p99, max), and its memory is read from /proc.

    python benchmarks/bench_load.py [--pastes 1000] [--paste-mb 5] [--lines 50000] [--keys 600]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))  # tests/support: the LSP client

from support.lsp_client import StdioClient

SERVER = [str(Path(sys.executable).parent / "provmark"), "serve"]
BLOCK = '''def handle_request_{k}(payload: dict[str, object]) -> dict[str, object]:
    """Validate the payload and return the normalised record."""
    if "id" not in payload:
        raise ValueError(f"payload {k} has no id")
    # Normalise keys so downstream code sees one spelling.
    return {{key.lower(): value for key, value in payload.items()}}

'''


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(len(values) * q))] if values else float("nan")


class Prober:
    """Asks provmark/status in a loop on its own thread and times each answer."""

    def __init__(self, c: StdioClient):
        self.c, self.waits, self._stop = c, [], threading.Event()
        self.thread = threading.Thread(target=self.run, daemon=True)

    def run(self) -> None:
        while not self._stop.is_set():
            t0 = time.perf_counter()
            self.c.request("provmark/status", {}, timeout=120)
            self.waits.append(time.perf_counter() - t0)
            time.sleep(0.01)

    def __enter__(self) -> Prober:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self.thread.join()

    def summary(self) -> dict[str, float]:
        return {
            "requests": len(self.waits),
            "p50_ms": round(1000 * pct(self.waits, 0.5), 1),
            "p99_ms": round(1000 * pct(self.waits, 0.99), 1),
            "max_ms": round(1000 * max(self.waits, default=float("nan")), 1),
        }


def same_text(c: StdioClient, uri: str, text: str) -> bool:
    doc = c.request("provmark/status", {"uri": uri}, timeout=120).get("document") or {}
    return doc.get("sha256") == hashlib.sha256(text.encode("utf-8")).hexdigest()


def run(args: argparse.Namespace) -> dict[str, object]:
    out: dict[str, object] = {}
    with tempfile.TemporaryDirectory(prefix="pm-load-") as tmp:
        ws = Path(tmp)
        big = "".join(
            f"def handler_{i}(request):\n    return respond(request, code={i})\n\n" for i in range(args.lines // 3)
        )
        (ws / "big.py").write_text(big)
        (ws / "pastes.py").write_text("import os\n\n")
        c = StdioClient(SERVER, cwd=str(ws), env={**os.environ, "HOME": str(ws)})
        try:
            c.initialize(ws.as_uri())
            pid = c.proc.pid
            out["rss_start_mb"] = round(rss_mb(pid), 1)

            # 1. Pastes at 200 a second into one document, each a new block at the top.
            uri = (ws / "pastes.py").as_uri()
            text = "import os\n\n"
            c.open(uri, text)
            with Prober(c) as probe:
                t0 = time.perf_counter()
                for k in range(args.pastes):
                    block = BLOCK.format(k=k)
                    c.insert(uri, k + 2, 2, 0, block)
                    text = text[: len("import os\n\n")] + block + text[len("import os\n\n") :]
                    time.sleep(max(0.0, t0 + (k + 1) / 200 - time.perf_counter()))
                c.wait(lambda: len(c.diagnostics.get(uri, [])) > 0, timeout=30)
            out["paste_burst"] = {"pastes": args.pastes, "per_second": 200, **probe.summary(),
                                  "text_agrees": same_text(c, uri, text), "rss_mb": round(rss_mb(pid), 1)}  # fmt: skip

            # 2. One paste of several megabytes.
            huge = BLOCK.format(k="big") * (args.paste_mb * 1_000_000 // len(BLOCK.format(k="big")) + 1)
            with Prober(c) as probe:
                t0 = time.perf_counter()
                c.insert(uri, args.pastes + 2, 0, 0, huge)
                text = huge + text
                agrees = same_text(c, uri, text)
                took = time.perf_counter() - t0
            out["huge_paste"] = {"mb": round(len(huge) / 1e6, 1), "answered_after_s": round(took, 2), **probe.summary(),
                                 "text_agrees": agrees, "rss_mb": round(rss_mb(pid), 1)}  # fmt: skip

            # 3. Typing at 20 keys a second in a 50,000-line file.
            buri = (ws / "big.py").as_uri()
            c.open(buri, big)
            waits = []
            line = args.lines // 2
            for k in range(args.keys):
                c.insert(buri, k + 2, line, k, "x")
                t0 = time.perf_counter()
                c.request("provmark/status", {})
                waits.append(time.perf_counter() - t0)
                time.sleep(max(0.0, 0.05 - waits[-1]))
            out["typing"] = {"lines": args.lines, "keys": args.keys, "per_second": 20,
                             "p50_ms": round(1000 * pct(waits, 0.5), 2), "p99_ms": round(1000 * pct(waits, 0.99), 2),
                             "max_ms": round(1000 * max(waits), 2), "rss_mb": round(rss_mb(pid), 1)}  # fmt: skip
        finally:
            out["exit_code"] = c.close()
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pastes", type=int, default=1000)
    ap.add_argument("--paste-mb", type=int, default=5)
    ap.add_argument("--lines", type=int, default=50_000)
    ap.add_argument("--keys", type=int, default=600)
    print(json.dumps(run(ap.parse_args()), indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
