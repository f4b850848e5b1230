"""Server benchmark on a 10,000-line file, Provmark against a do-nothing stock pygls
server in the same run (these machines are shared and noisy: compare ratios).

    python benchmarks/bench_server.py [--lines 10000] [--keys 5000] [--pastes 40] [--edits 50000] [--starts 9]

Prints a Markdown table: keystroke didChanges absorbed per second, paste-to-diagnostic
latency (median, p99), and resident memory before and after many edits; then spawn to the
reply to `initialize`, median of --starts interleaved starts of each: stock pygls,
Provmark's first start (no reply kept: lsp/fast_start off) and its later starts (the reply
the first start computed, sent before pygls is imported).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))  # tests/support: the LSP client

from support.lsp_client import StdioClient

HERE = Path(__file__).resolve().parent
PROVMARK = [sys.executable, "-m", "provmark", "serve"]
STOCK = [sys.executable, str(HERE / "stock_server.py")]


def big_file(lines: int) -> str:
    return "".join(f"def handler_{i}(request):\n    return respond(request, code={i})\n\n" for i in range(lines // 3))


def paste_block(k: int) -> str:
    """A block as an assistant writes one (each paste different, so none is a copy)."""
    return f'''def summarize_orders_{k}(orders: list[dict[str, float]], currency: str = "EUR") -> dict[str, float]:
    """Summarize a list of orders into totals, averages and the largest order."""
    if not orders:
        raise ValueError("Cannot summarize an empty list of orders")

    # Collect the amounts once so every statistic uses the same values.
    amounts = [float(order["amount"]) * {k + 1} for order in orders]
    total_amount = sum(amounts)
    average_amount = total_amount / len(amounts)

    # Find the largest order to highlight it in the report.
    largest_order = max(amounts)
    print(f"Processed {{len(amounts)}} orders totalling {{total_amount:.2f}} {{currency}}")

    return {{
        "total": round(total_amount, 2),
        "average": round(average_amount, 2),
        "largest": round(largest_order, 2),
    }}

'''


def rss_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def start(cmd: list[str], ws: Path, text: str) -> tuple[StdioClient, str, float, float | None]:
    """The client, the document's uri, and from spawning the process: the reply to
    `initialize` and the first diagnostics of the opened document (None: none came)."""
    t0 = time.monotonic()
    # A cache of its own: this start computes its reply to initialize (see starts()).
    c = StdioClient(cmd, cwd=str(ws), env={**os.environ, "XDG_CACHE_HOME": tempfile.mkdtemp(prefix="pm-bench-cache-")})
    c.initialize(ws.as_uri())
    init = time.monotonic() - t0
    uri = (ws / "big.py").as_uri()
    c.open(uri, text)
    barrier(c)
    c.wait(lambda: any(p[1] == uri for p in c.published), timeout=2)
    first = next((p[0] - t0 for p in c.published if p[1] == uri), None)
    return c, uri, init, first


def starts(n: int) -> dict[str, float]:
    """Median spawn -> reply to `initialize` over n interleaved starts of each server."""
    cache = tempfile.mkdtemp(prefix="pm-bench-cache-")
    ws = Path(tempfile.mkdtemp(prefix="pm-bench-"))
    env = {**os.environ, "XDG_CACHE_HOME": cache}
    kinds = {
        "stock pygls": (STOCK, None),
        "provmark, first start": (PROVMARK, {**env, "PROVMARK_NO_FAST_START": "1"}),
        "provmark, later starts": (PROVMARK, env),
    }
    StdioClient(PROVMARK, env=env).initialize(ws.as_uri())  # keeps the reply for the later starts
    got: dict[str, list[float]] = {k: [] for k in kinds}
    for _ in range(n):
        for name, (cmd, e) in kinds.items():
            t0 = time.monotonic()
            c = StdioClient(cmd, env=e)
            c.initialize(ws.as_uri())
            got[name].append(time.monotonic() - t0)
            c.close()
    return {k: statistics.median(v) for k, v in got.items()}


def barrier(c: StdioClient) -> None:
    """A request answered only after every notification before it was handled."""
    with contextlib.suppress(RuntimeError):  # method not found is an answer too
        c.request(
            "textDocument/hover",
            {"textDocument": {"uri": "file:///none"}, "position": {"line": 0, "character": 0}},
            timeout=600,
        )


def keystrokes(c: StdioClient, uri: str, n: int, version: int, line: int = 5000) -> tuple[float, int]:
    t0 = time.perf_counter()
    for i in range(n):
        version += 1
        c.insert(uri, version, line, i % 40, "x")
    barrier(c)
    return n / (time.perf_counter() - t0), version


def pastes(
    c: StdioClient, uri: str, n: int, version: int, hint: bool = False, first: int = 0
) -> tuple[list[float], int]:
    """Paste-to-Warning latencies; with `hint`, each paste is followed by the client's
    provmark/didPaste hint, as the VS Code extension sends it."""
    out = []
    for k in range(first, first + n):
        version += 1
        line = 300 + k * 40
        before = len([p for p in c.published if p[1] == uri])
        t0 = time.monotonic()
        block = paste_block(k)
        c.insert(uri, version, line, 0, block)
        if hint:
            end = {"line": line + block.count("\n"), "character": 0}
            rng = {"start": {"line": line, "character": 0}, "end": end}
            c.notify(
                "provmark/didPaste",
                {"textDocument": {"uri": uri, "version": version}, "source": "external", "range": rng},
            )
        ok = c.wait(
            lambda line=line, before=before: (
                any(d.get("severity") == 2 and d["range"]["start"]["line"] == line for d in c.diagnostics.get(uri, []))
                and len([p for p in c.published if p[1] == uri]) > before
            ),
            timeout=10,
        )
        if ok:
            out.append(1000 * (next(p[0] for p in c.published[::-1] if p[1] == uri) - t0))
        time.sleep(0.15)
    return out, version


def pct(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(q * len(xs)))] if xs else float("nan")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--lines", type=int, default=10_000)
    ap.add_argument("--keys", type=int, default=5_000)
    ap.add_argument("--pastes", type=int, default=40)
    ap.add_argument("--edits", type=int, default=50_000)
    ap.add_argument("--starts", type=int, default=9)
    args = ap.parse_args()
    text = big_file(args.lines)
    rows = []
    for name, cmd in (("stock pygls (does nothing)", STOCK), ("provmark", PROVMARK)):
        ws = Path(tempfile.mkdtemp(prefix="pm-bench-"))
        (ws / "big.py").write_text(text)
        c, uri, init, first = start(cmd, ws, text)
        rss0 = rss_kb(c.proc.pid)
        mid = args.lines // 2  # typing in the middle of the file
        rate, v = keystrokes(c, uri, args.keys, 1, mid)
        lat: list[float] = []
        hinted: list[float] = []
        if cmd is PROVMARK:
            # A person pauses between typing and pasting: changes closer than the burst
            # window (40 ms) would be judged together as one burst, typing included.
            time.sleep(0.3)
            lat, v = pastes(c, uri, args.pastes, v)  # a client that sends no paste hints
            hinted, v = pastes(c, uri, args.pastes, v, hint=True, first=args.pastes)
        done = args.keys
        while done < args.edits:
            batch = min(10_000, args.edits - done)
            _, v = keystrokes(c, uri, batch, v, mid)
            done += batch
        time.sleep(0.5)
        rss1 = rss_kb(c.proc.pid)
        c.close()
        rows.append((name, rate, lat, hinted, rss0, rss1, init, first))
    print(f"\n{args.lines:,}-line file, {args.keys:,} keystrokes, {args.pastes} pastes, {args.edits:,} edits\n")
    print(
        "| server | spawn→initialize | spawn→first diagnostics | keystrokes/s | paste→Warning median (p99) | "
        "with the client's paste hint | RSS start | RSS after edits | growth |"
    )
    print("|---|---|---|---|---|---|---|---|---|")

    def latency(xs: list[float]) -> str:
        return f"{statistics.median(xs):.1f} ms ({pct(xs, 0.99):.1f} ms)" if xs else "-"

    for name, rate, lat, hinted, r0, r1, init, first in rows:
        shown = f"{first * 1000:.0f} ms" if first is not None else "-"
        print(
            f"| {name} | {init * 1000:.0f} ms | {shown} | {rate:,.0f} | {latency(lat)} | {latency(hinted)} | "
            f"{r0 / 1024:.1f} MB | {r1 / 1024:.1f} MB | {(r1 - r0) / 1024:+.1f} MB |"
        )
    print(f"\nratio provmark/stock keystrokes: {rows[1][1] / rows[0][1]:.2f}x")
    if args.starts:
        print(f"\nspawn -> reply to initialize, median of {args.starts} interleaved starts:\n")
        print("| server | spawn→initialize |\n|---|---|")
        for name, median in starts(args.starts).items():
            print(f"| {name} | {median * 1000:.0f} ms |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
