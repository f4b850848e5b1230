// A fresh install in real VS Code (code-server in headless Chromium): a new profile, no
// provmark.interpreter, only the .vsix and a Python on PATH that has no Provmark.
//   node e2e/fresh.mjs <code-server> <vsix> <artifacts dir> <online|offline|nopython> <PATH> [<vsix to compare>]
// online: the extension finds the Python, fetches the compiled modules (rapidfuzz, zstandard) with a
//   progress notification, runs the server it bundles; a paste made before the server is
//   ready is replayed to it (a Warning, recorded with the paste's hint); the provenance
//   report opens in a webview whose script runs under the nonce CSP; a reopened window's
//   server comes up without any install. With a second vsix (the same extension
//   activated onStartupFinished), window-open to server-ready is measured for both.
// offline: the package registry cannot be reached: a warning says the compiled module
//   could not be fetched, and the bundled server warns on the paste all the same.
// nopython: no Python on PATH: a message says Provmark needs Python 3.10+.
// Prints one JSON line of results.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import {
  AI, HUMAN, installExtension, openBrowser, openFile, paster, profile, provmarkStatus, startCodeServer, waitServerReady,
} from "./common.mjs";

const [codeServer, vsix, artifacts, mode, PATH, compareVsix] = process.argv.slice(2);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), `pm-fresh-${mode}-`));
const ws = path.join(tmp, "ws");
fs.mkdirSync(ws);
fs.writeFileSync(path.join(ws, "cart.py"), HUMAN);
const prof = profile(tmp, {});
// VSCODE_CLI: as when started from a terminal, VS Code takes this environment as the
// user's (else it asks a login shell, whose profile sets PATH again).
const env = { ...prof.env, PATH, VSCODE_CLI: "1" };
if (mode === "offline") {
  // Nothing answers there: pip fails as it does on a machine without network.
  Object.assign(env, { PIP_INDEX_URL: "http://127.0.0.1:9/simple/", PIP_CONFIG_FILE: os.devNull, PIP_NO_CACHE_DIR: "1" });
}
const storage = path.join(prof.userData, "User", "globalStorage", "provmark.provmark");
const shot = (page, name) => page.screenshot({ path: path.join(artifacts, `fresh-${mode}-${name}.png`) });
const results = { mode };
let opened, server;

// Polls the status bar item and keeps each new text with its time since t0.
function watchStatus(page, t0) {
  const seen = [];
  let last = "";
  const timer = setInterval(async () => {
    const t = await provmarkStatus(page).catch(() => last);
    if (t !== last) { seen.push([Date.now() - t0, t]); last = t; }
  }, 50);
  return { seen, stop: () => clearInterval(timer) };
}

// From the newest window's extension host log: when Provmark was activated and when the
// eager ('*') extensions were done (onStartupFinished comes right after), in ms after the
// extension host started.
function hostTimes() {
  const logs = path.join(prof.userData, "logs");
  const newest = fs.readdirSync(logs).sort().reverse()
    .map((d) => path.join(logs, d, "exthost1", "remoteexthost.log")).find((f) => fs.existsSync(f));
  const at = (re) => {
    const line = fs.readFileSync(newest, "utf8").split("\n").find((l) => re.test(l));
    return line ? Date.parse(line.slice(0, 23).replace(" ", "T")) : NaN;
  };
  const host = at(/Extension host with pid/);
  return { provmark: at(/_doActivateExtension provmark\.provmark/) - host, eager: at(/Eager extensions activated/) - host };
}

// Window open to server ready in a new code-server with `vsix` installed (the Python's
// compiled module already fetched; the window reopens cart.py): [workbench, activation,
// ready] ms, and the extension host's times.
async function measureOpen(withVsix) {
  installExtension(codeServer, prof, withVsix);
  const s = await startCodeServer(codeServer, prof, ws, env);
  const o = await openBrowser(s.port);
  try {
    const t0 = Date.now();
    await o.page.goto(s.url);
    await o.page.waitForSelector(".monaco-workbench", { timeout: 60000 });
    const workbench = Date.now() - t0;
    await o.page.waitForSelector(".statusbar-item:has-text('Provmark')", { timeout: 120000 });
    const activation = Date.now() - t0;
    await waitServerReady(o.page, 120000);
    return [workbench, activation, Date.now() - t0];
  } finally {
    await o.browser.close();
    s.stop();
    await new Promise((r) => setTimeout(r, 1500));
    results.host_times.push({ vsix: path.basename(withVsix), ...hostTimes() });
  }
}

async function showReport(page) {
  await page.keyboard.press("F1");
  await page.keyboard.type("Provmark: Show Provenance Report");
  await page.waitForSelector(".quick-input-list .monaco-list-row:has-text('Show Provenance Report')", { timeout: 15000 });
  await page.keyboard.press("Enter");
  const t = Date.now();
  const end = t + 120000;
  while (Date.now() < end) {
    for (const f of page.frames()) {
      const found = await f.evaluate(() => {
        const h = document.querySelector("h1");
        return h && /Provenance report/.test(h.textContent ?? "")
          ? { title: h.textContent, script_ran: document.documentElement.className.includes("js") } : null;
      }).catch(() => null);
      if (found) return { ...found, report_ms: Date.now() - t };
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error("the report did not show in a webview");
}

try {
  const i0 = Date.now();
  installExtension(codeServer, prof, vsix);
  results.install_ms = Date.now() - i0;
  server = await startCodeServer(codeServer, prof, ws, env);
  opened = await openBrowser(server.port);
  const { context, page } = opened;
  const t0 = Date.now();
  const status = watchStatus(page, t0);
  await page.goto(server.url);
  await page.waitForSelector(".monaco-workbench", { timeout: 60000 });
  results.workbench_ms = Date.now() - t0;
  await page.waitForSelector(".statusbar-item:has-text('Provmark')", { timeout: 120000 });
  results.activation_ms = Date.now() - t0;
  if (mode === "nopython") {
    await page.locator(".notification-toast", { hasText: "needs Python 3.10 or newer" }).waitFor({ timeout: 60000 });
    results.message_ms = Date.now() - t0;
    results.status = await provmarkStatus(page);
    await shot(page, "message");
  } else {
    await openFile(page, "cart.py");
    await page.keyboard.press("Control+End");
    await page.keyboard.press("Enter");
    await page.evaluate((t) => navigator.clipboard.writeText(t), AI);
    results.status_at_paste = await provmarkStatus(page);
    await paster(await context.newCDPSession(page))();
    results.paste_ms = Date.now() - t0;
    await waitServerReady(page, 180000);
    results.server_ready_ms = Date.now() - t0;
    await page.waitForSelector(".squiggly-warning", { timeout: 60000 });
    results.first_warning_ms = Date.now() - t0;
    results.install_to_first_warning_ms = Date.now() - i0;
    await shot(page, "warning");
    const car = path.join(ws, ".provmark", "cart.py.json");
    for (let k = 0; k < 150 && !fs.existsSync(car); k++) await new Promise((r) => setTimeout(r, 100));
    const records = JSON.parse(fs.readFileSync(car, "utf8")).records;
    results.record_signals = records.flatMap((r) => (r.evidence ?? []).map((e) => e.signal));
    results.native = fs.existsSync(path.join(storage, "native"))
      ? fs.readdirSync(path.join(storage, "native")).filter((n) => fs.existsSync(path.join(storage, "native", n, ".provmark-ok")))
      : [];
    if (mode === "offline") {
      await page.locator(".notification-toast", { hasText: "could not fetch its compiled modules" }).waitFor({ timeout: 30000 });
      await shot(page, "message");
    } else {
      Object.assign(results, await showReport(page));
      await shot(page, "report");
      // The same window opened again: nothing to install now.
      const t1 = Date.now();
      await page.reload();
      await page.waitForSelector(".monaco-workbench", { timeout: 60000 });
      await waitServerReady(page, 120000);
      results.reopen_ready_ms = Date.now() - t1;
      // The reopened window started its server as the last time, and checked meanwhile.
      // Only a start after the first can say so (the first has no last start); which
      // window's log was written last is not read (the closing window may flush its own
      // after the new one starts), and the logs are read again for a while (flushing).
      const logs = path.join(prof.userData, "logs");
      const windowLogs = () => fs.readdirSync(logs, { recursive: true }).map(String)
        .filter((f) => f.endsWith(path.join("provmark.provmark", "Provmark.log"))).map((f) => path.join(logs, f));
      results.reopen_reused_last_start = false;
      for (let k = 0; k < 100 && !results.reopen_reused_last_start; k++) {
        const windows = windowLogs();
        results.reopen_reused_last_start = windows.length > 1 && windows.some((f) => fs.readFileSync(f, "utf8").includes("as the last time"));
        if (!results.reopen_reused_last_start) await new Promise((r) => setTimeout(r, 100));
      }
    }
  }
  status.stop();
  results.status_timeline = status.seen;
  await opened.browser.close();
  opened = undefined;
  server.stop();
  server = undefined;
  if (compareVsix && mode === "online") {
    await new Promise((r) => setTimeout(r, 1500));
    // Alternated, three times each: [workbench, activation, ready] ms from window open.
    results.open_on_startup_finished = [];
    results.open_early = [];
    results.host_times = [];
    for (let k = 0; k < 3; k++) {
      results.open_on_startup_finished.push(await measureOpen(compareVsix));
      results.open_early.push(await measureOpen(vsix));
    }
  }
  console.log(JSON.stringify(results));
} catch (e) {
  await opened?.page.screenshot({ path: path.join(artifacts, `fresh-${mode}-failure.png`) }).catch(() => {});
  console.log(JSON.stringify(results));
  throw e;
} finally {
  await opened?.browser.close();
  server?.stop();
  // The extension's log (its output channel) of each window, for the artifacts.
  const logs = path.join(prof.userData, "logs");
  let n = 0;
  for (const f of fs.existsSync(logs) ? fs.readdirSync(logs, { recursive: true }) : []) {
    if (String(f).endsWith(path.join("provmark.provmark", "Provmark.log"))) {
      fs.copyFileSync(path.join(logs, String(f)), path.join(artifacts, `fresh-${mode}-window${++n}.log`));
    }
  }
}
