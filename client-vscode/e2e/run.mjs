// End to end in real VS Code: code-server in headless Chromium, driven by playwright-core.
//   node e2e/run.mjs <code-server binary> <python with provmark> <vsix> <artifacts dir>
// Scenario 1: AI-written code pasted from the system clipboard gives a warning squiggle, a
// Problems row and the quick fix "Tag as AI-generated"; choosing it writes the sidecar. Until
// then the Provenance view lists its unreviewed record and the status bar counts it; the
// tag empties both.
// Scenario 2: text copied inside the editor and pasted gives no warning.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { AI, HUMAN, installExtension, openBrowser, paster, profile, startCodeServer, waitServerReady } from "./common.mjs";

const [codeServer, python, vsix, artifacts] = process.argv.slice(2);

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "pm-vscode-"));
const ws = path.join(tmp, "ws");
fs.mkdirSync(ws);
fs.writeFileSync(path.join(ws, "cart.py"), HUMAN);
const prof = profile(tmp, { "provmark.interpreter": python });
installExtension(codeServer, prof, vsix);
const results = {};
let browser, server;
try {
  server = await startCodeServer(codeServer, prof, ws);
  const opened = await openBrowser(server.port);
  browser = opened.browser;
  const { context, page } = opened;
  const t0 = Date.now();
  await page.goto(server.url);
  await page.waitForSelector(".monaco-workbench", { timeout: 60000 });
  await page.waitForSelector(".statusbar-item:has-text('Provmark')", { timeout: 60000 }); // activated
  results.activation_ms = Date.now() - t0;
  await waitServerReady(page, 60000); // measured live: pastes from here on are not replayed
  results.server_ready_ms = Date.now() - t0;
  await page.keyboard.press("Control+P");
  await page.keyboard.type("cart.py");
  await page.waitForSelector(".quick-input-list .monaco-list-row", { timeout: 15000 });
  await page.keyboard.press("Enter");
  await page.waitForSelector(".monaco-editor .view-lines", { timeout: 30000 });
  await page.click(".monaco-editor .view-lines");
  await page.keyboard.press("Control+End");
  await page.keyboard.press("Enter");
  const paste = paster(await context.newCDPSession(page));
  // Scenario 1
  await page.evaluate((t) => navigator.clipboard.writeText(t), AI);
  const p0 = Date.now();
  await paste();
  await page.waitForSelector(".squiggly-warning", { timeout: 15000 });
  const times = [Date.now() - p0];
  await page.screenshot({ path: path.join(artifacts, "1-external-paste-warning.png") });
  // Recorded as unreviewed: counted in the status bar; a click there shows the view's row.
  const unreviewed = ".statusbar-item:has-text('1 unreviewed')";
  await page.waitForSelector(unreviewed, { timeout: 15000 });
  await page.click(unreviewed);
  const row = ".monaco-list-row:has-text('cart.py')";
  await page.waitForSelector(row, { timeout: 15000 });
  const recordRow = page.locator(".monaco-list-row", { hasText: /lines \d+–\d+ · \d\.\d\d ·/ });
  await recordRow.first().waitFor({ timeout: 15000 });
  results.view_record_rows = await recordRow.count();
  await page.screenshot({ path: path.join(artifacts, "5-provenance-view.png") });

  await page.keyboard.press("Control+Shift+M");
  await page.waitForSelector(".markers-panel .monaco-list-row:has-text('Provmark')", { timeout: 15000 });
  await page.screenshot({ path: path.join(artifacts, "2-problems-row.png") });
  await page.click(".monaco-editor .view-lines");
  await page.keyboard.press("Control+End");
  await page.keyboard.press("ArrowUp");
  await page.keyboard.press("ArrowUp");
  // The quick-fix menu, asked again if it has not shown (on a loaded machine the first
  // Ctrl+. can come before the editor has the code actions; the fix must still appear).
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press("Control+.");
    try {
      await page.waitForSelector("text=Tag as AI-generated", { timeout: 15000 });
      break;
    } catch (e) {
      if (attempt >= 3) throw e;
      await page.keyboard.press("Escape");
    }
  }
  await page.screenshot({ path: path.join(artifacts, "3-quick-fix.png") });
  await page.click("text=Tag as AI-generated");
  const car = path.join(ws, ".provmark", "cart.py.json");
  const end = Date.now() + 15000;
  while (!fs.existsSync(car) && Date.now() < end) await new Promise((r) => setTimeout(r, 100));
  if (!fs.existsSync(car)) throw new Error("the sidecar was not written");
  results.sidecar_records = JSON.parse(fs.readFileSync(car, "utf8")).records.length;
  await page.waitForSelector(".statusbar-item:has-text('unreviewed')", { state: "hidden", timeout: 15000 });
  // The tree re-renders a moment after the status item hides (both follow the same listing).
  await recordRow.first().waitFor({ state: "detached", timeout: 15000 }).catch(() => {});
  results.view_record_rows_after_tag = await recordRow.count();
  // Scenario 2: copy lines inside the editor, paste them: no new warning.
  await page.keyboard.press("Escape");
  await page.keyboard.press("Control+Home");
  for (let i = 0; i < 12; i++) await page.keyboard.press("Shift+ArrowDown");
  await page.keyboard.press("Control+C");
  await page.keyboard.press("Control+End");
  await page.keyboard.press("Enter");
  const before = await page.locator(".squiggly-warning").count();
  await paste();
  await page.waitForTimeout(2500);
  results.internal_paste_new_warnings = (await page.locator(".squiggly-warning").count()) - before;
  await page.screenshot({ path: path.join(artifacts, "4-internal-paste-no-warning.png") });
  // More pastes at the end of the file (after the tagged one), for a median.
  for (let k = 1; k <= 4; k++) {
    await page.click(".monaco-editor .view-lines");
    await page.keyboard.press("Control+End");
    await page.keyboard.press("Enter");
    await page.evaluate((t) => navigator.clipboard.writeText(t), AI.replaceAll("apply_discount", `discount_${k}`) + "\n");
    const t1 = Date.now();
    await paste();
    // The status bar counts the workspace's untagged AI blocks: one more for each paste.
    await page.waitForSelector(`.statusbar-item:has-text('${k} untagged AI block')`, { timeout: 15000 });
    times.push(Date.now() - t1);
  }
  times.sort((a, b) => a - b);
  results.paste_to_squiggle_ms = times;
  results.paste_to_squiggle_median_ms = times[Math.floor(times.length / 2)];
  console.log(JSON.stringify(results));
  if (results.internal_paste_new_warnings > 0) throw new Error("an internal paste was flagged");
} catch (e) {
  await browser?.contexts()[0]?.pages()[0]?.screenshot({ path: path.join(artifacts, "failure.png") }).catch(() => {});
  throw e;
} finally {
  await browser?.close();
  server?.stop();
}
