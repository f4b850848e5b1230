// What the end-to-end scripts share: ports, code-server in its own profile, headless
// Chromium, a real paste from the system clipboard.
import { spawn, execFileSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { chromium } from "playwright-core";

export const AI = `def apply_discount(total: float, percent: int) -> float:
    """Return the total after a percentage discount, never below zero."""
    if not 0 <= percent <= 100:
        raise ValueError(f"percent must be between 0 and 100, got {percent}")
    discounted = total * (100 - percent) / 100
    return max(round(discounted, 2), 0.0)


# Example usage:
# print(apply_discount(120.0, 15))
`;

export const HUMAN = Array.from({ length: 20 }, (_, i) => `def handler_${i}(request):\n    return respond(request, code=${i})\n`).join("\n");

export function freePort() {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.listen(0, "127.0.0.1", () => { const { port } = srv.address(); srv.close(() => resolve(port)); });
  });
}

export async function waitPort(port, ms) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    const ok = await new Promise((r) => { const s = net.connect(port, "127.0.0.1", () => { s.end(); r(true); }); s.on("error", () => r(false)); });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error("code-server did not start");
}

// A profile of its own under `tmp`: user data, extensions, XDG folders, HOME.
export function profile(tmp, settings) {
  const env = { ...process.env, XDG_CONFIG_HOME: path.join(tmp, "cfg"), XDG_DATA_HOME: path.join(tmp, "data"),
    XDG_CACHE_HOME: path.join(tmp, "cache"), HOME: tmp };
  const userData = path.join(tmp, "user"), exts = path.join(tmp, "exts");
  fs.mkdirSync(path.join(userData, "User"), { recursive: true });
  fs.writeFileSync(path.join(userData, "User", "settings.json"), JSON.stringify({
    "files.hotExit": "off", "workbench.startupEditor": "none", "chat.disableAIFeatures": true,
    "workbench.tips.enabled": false, "editor.quickSuggestions": { other: false },
    "security.workspace.trust.enabled": false, "telemetry.telemetryLevel": "off", ...settings,
  }));
  return { env, userData, exts, config: path.join(tmp, "config.yaml") };
}

export function installExtension(codeServer, prof, vsix) {
  execFileSync(codeServer, ["--user-data-dir", prof.userData, "--extensions-dir", prof.exts, "--config", prof.config,
    "--install-extension", vsix, "--force"], { env: prof.env, stdio: ["ignore", "ignore", "inherit"] });
}

// Starts code-server on a free port (its own process group: stop() ends it all, the
// extension hosts and servers it leaves running after a browser disconnects included).
export async function startCodeServer(codeServer, prof, ws, env = prof.env) {
  const port = await freePort();
  fs.writeFileSync(prof.config, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  const server = spawn(codeServer, ["--user-data-dir", prof.userData, "--extensions-dir", prof.exts, "--config", prof.config,
    "--disable-telemetry", "--disable-update-check", "--disable-workspace-trust", ws], { env, detached: true, stdio: "ignore" });
  await waitPort(port, 60000);
  return {
    port, url: `http://127.0.0.1:${port}/?folder=${encodeURIComponent(ws)}`,
    stop: () => { try { process.kill(-server.pid, "SIGTERM"); } catch { /* already gone */ } },
  };
}

export async function openBrowser(port) {
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--headless", "--no-sandbox",
    "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"] });
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: `http://127.0.0.1:${port}` });
  const page = await context.newPage();
  return { browser, context, page };
}

// Ctrl+V as a real key press (insertText would arrive one character at a time).
export function paster(cdp) {
  return async () => {
    await cdp.send("Input.dispatchKeyEvent", { type: "keyDown", modifiers: 2, key: "v", code: "KeyV",
      windowsVirtualKeyCode: 86, commands: ["paste"] });
    await cdp.send("Input.dispatchKeyEvent", { type: "keyUp", modifiers: 2, key: "v", code: "KeyV", windowsVirtualKeyCode: 86 });
  };
}

// The Provmark status bar item's text ("" before the extension shows it).
export async function provmarkStatus(page) {
  return page.evaluate(() => {
    for (const e of document.querySelectorAll(".statusbar-item")) {
      const t = (e.textContent ?? "").trim();
      if (/Provmark|untagged AI block/.test(t) && !/unreviewed/.test(t)) return t;
    }
    return "";
  });
}

// Ready: the item says "Provmark" or counts blocks (starting: "Provmark: starting", ...).
export async function waitServerReady(page, ms) {
  await page.waitForFunction(() => [...document.querySelectorAll(".statusbar-item")].some((e) => {
    const t = (e.textContent ?? "").trim();
    return t === "Provmark" || /untagged AI block/.test(t);
  }), null, { polling: 25, timeout: ms });
}

export async function openFile(page, name) {
  await page.keyboard.press("Control+P");
  await page.keyboard.type(name);
  await page.waitForSelector(".quick-input-list .monaco-list-row", { timeout: 30000 });
  await page.keyboard.press("Enter");
  await page.waitForSelector(".monaco-editor .view-lines", { timeout: 30000 });
  await page.click(".monaco-editor .view-lines");
}
