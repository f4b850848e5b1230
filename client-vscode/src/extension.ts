// The Provmark extension: finds a Python for its server (or runs the server it bundles),
// starts `provmark serve`, tells it where pastes came from (edits made before the server
// is ready are replayed to it), shows the untagged AI blocks in the status bar, lists the
// unreviewed records in the Provenance view, shows the provenance report, and offers the
// commands.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as vscode from "vscode";
import {
  DidChangeTextDocumentNotification,
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  State,
} from "vscode-languageclient/node";
import { Bundle, LastStart, launch, Plan, reusable, samePlan } from "./pure/interpreter";
import { pastedRanges, pasteSource, PasteSource, Range } from "./pure/pasteRanges";
import { DocSnapshot, LspChange, Recorder } from "./pure/replay";
import { secureReport } from "./pure/reportHtml";
import { hoverText, TaggedData } from "./pure/tagged";
import { ProvenanceView } from "./provenanceView";
import { findPlan, NativeModules, readBundle } from "./setup";

const COPY_MIME = "application/vnd.provmark.copied";
const DID_PASTE = "provmark/didPaste";
let client: LanguageClient | undefined;
let stopping = false; // a stop asked for (restart, deactivate): not a failure
let status: vscode.StatusBarItem;
let provenance: ProvenanceView;
let log: vscode.LogOutputChannel;
let bundle: Bundle | undefined;
let native: NativeModules;
// How the server runs now: the plan found, and the compiled modules' folder if any.
let plan: Plan | undefined;
let nativeDir: string | undefined;
type ServerState = "starting" | "setting up" | "ready" | "stopped" | "no Python";
let serverState: ServerState = "starting";
// The paste the editor is applying now: its source, until its change arrives.
let pending: { uri: string; source: PasteSource; at: number } | undefined;
// Edits made while no server runs, replayed when the client opens their documents; and
// what happens to a document while its replay is being sent, sent right after it.
const recorder = new Recorder();
const replaying = new Map<string, (() => Promise<void>)[]>();

function settings(): Record<string, unknown> {
  const cfg = vscode.workspace.getConfiguration("provmark");
  const out: Record<string, unknown> = {};
  for (const key of ["warnThreshold", "reportThreshold", "minLines", "minChars", "transcripts", "autoTag",
    "firstPartyTools", "ignore"]) {
    const v = cfg.inspect(key);
    const set = v?.workspaceFolderValue ?? v?.workspaceValue ?? v?.globalValue;
    if (set !== undefined) {
      out[key] = set;
    }
  }
  return out;
}

function snapshot(d: vscode.TextDocument): DocSnapshot {
  return { uri: d.uri.toString(), languageId: d.languageId, version: d.version, text: d.getText() };
}

function startRecording(): void {
  recorder.start(vscode.workspace.textDocuments.filter((d) => d.uri.scheme === "file").map(snapshot));
}

function lspChanges(changes: readonly vscode.TextDocumentContentChangeEvent[]): LspChange[] {
  return changes.map((c) => ({
    range: {
      start: { line: c.range.start.line, character: c.range.start.character },
      end: { line: c.range.end.line, character: c.range.end.character },
    },
    rangeLength: c.rangeLength,
    text: c.text,
  }));
}

// The client opens a document: if edits were made to it while no server ran, open it as
// it was before them and replay them, each paste hint right after its change; what
// happens to the document meanwhile waits its turn.
async function openWithReplay(doc: vscode.TextDocument, next: (d: vscode.TextDocument) => Promise<void>): Promise<void> {
  const uri = doc.uri.toString();
  const replay = recorder.take(uri, doc.version);
  const c = client;
  if (!replay || !c) {
    return next(doc);
  }
  const queue: (() => Promise<void>)[] = [];
  replaying.set(uri, queue);
  try {
    const before = { ...doc, uri: doc.uri, languageId: replay.open.languageId, version: replay.open.version,
      getText: () => replay.open.text } as vscode.TextDocument;
    await next(before);
    for (const e of replay.events) {
      await (e.kind === "change"
        ? c.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: e.version }, contentChanges: e.changes })
        : c.sendNotification(DID_PASTE, { textDocument: { uri, version: e.version }, range: e.range, source: e.source }));
    }
    log.info(`replayed ${replay.events.length} edits and hints made to ${vscode.workspace.asRelativePath(doc.uri)} before the server was ready`);
  } finally {
    while (queue.length) {
      await queue.shift()?.().catch(() => undefined);
    }
    replaying.delete(uri);
  }
}

function setState(s: ServerState): void {
  serverState = s;
  updateStatus();
}

const LAST_START = "provmark.lastStart";

async function startClient(context: vscode.ExtensionContext, reuse = true): Promise<void> {
  const t0 = Date.now();
  setState("starting");
  const setting = (vscode.workspace.getConfiguration("provmark").get<string>("interpreter") ?? "").trim();
  // This workspace's last start, if it still fits (the Python extension's environment is
  // per workspace): the server starts at once, and the Pythons are probed meanwhile; if
  // they say otherwise, the server is restarted as they say.
  const last = reuse && !setting
    ? reusable(context.workspaceState.get<LastStart>(LAST_START), { setting, bundle: bundle?.provmark, trusted: vscode.workspace.isTrusted },
      (f) => fs.existsSync(f))
    : undefined;
  let check: Promise<Plan> | undefined;
  if (last) {
    plan = last.plan;
    nativeDir = last.nativeDir;
    check = findPlan(bundle, log);
  } else {
    plan = await findPlan(bundle, log);
    nativeDir = undefined;
  }
  if (plan.kind === "none") {
    log.warn(`no Python ${"3.10"}+ found: ${plan.tried.join("; ")}`);
    setState("no Python");
    recorder.stop();
    void noPython(plan.tried);
    return;
  }
  if (plan.kind === "bundled" && bundle && !last) {
    nativeDir = native.installed(plan.probe, bundle.native);
    if (!nativeDir) {
      setState("setting up");
      const r = await native.ensure(plan, bundle.native);
      if ("dir" in r) {
        nativeDir = r.dir;
      } else if (r.fresh) {
        void nativeFailed(r.failed, context);
      }
    }
  }
  const p = plan;
  const cmd = launch(p, ["serve"], nativeDir);
  log.info(`starting the server with ${p.from}` + (p.kind === "bundled" ? `, compiled modules: ${nativeDir ?? "none"}` : "") +
    (last ? " (as the last time; checking the Pythons meanwhile)" : ""));
  const serverOptions: ServerOptions = {
    command: cmd.command,
    args: cmd.args, // stdio, without the --stdio flag a transport would add
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ scheme: "file" }],
    initializationOptions: settings(),
    synchronize: { configurationSection: "provmark" },
    outputChannel: log,
    // The server explains its own failures; one message from us is enough.
    initializationFailedHandler: (error) => {
      if (!last) {
        void failed(String(error), p); // else: looked for again, below
      }
      return false;
    },
    middleware: {
      didOpen: openWithReplay,
      didChange: sendChange,
    },
  };
  client = new LanguageClient("provmark", "Provmark", serverOptions, clientOptions);
  // Tell the server at `initialize` that this client sends provmark/didPaste hints, so
  // that it waits for the hint of the very first paste too.
  client.registerFeature({
    fillClientCapabilities: (capabilities) => {
      const experimental = (capabilities.experimental ?? {}) as Record<string, unknown>;
      capabilities.experimental = { ...experimental, provmarkPasteHints: true };
    },
    initialize: () => undefined,
    getState: () => ({ kind: "static" }),
    clear: () => undefined,
  });
  context.subscriptions.push(provenance.attach(client));
  try {
    await client.start();
  } catch (e) {
    if (last) {
      // What worked the last time does not now: forget it and look again.
      log.warn(`the last start's plan failed (${String(e)}); looking for a Python again`);
      await context.workspaceState.update(LAST_START, undefined);
      client = undefined;
      return startClient(context, false);
    }
    recorder.stop();
    await failed(String(e), p);
    client = undefined;
    setState("stopped");
    await provenance.refresh();
    return;
  }
  recorder.stop();
  setState("ready");
  log.info(`server ready ${Date.now() - t0} ms after the start was asked for (${Date.now() - activatedAt} ms after activation)`);
  const remember = (q: Exclude<Plan, { kind: "none" }>, dir: string | undefined) =>
    context.workspaceState.update(LAST_START, { plan: q, setting, bundle: bundle?.provmark, nativeDir: dir } satisfies LastStart);
  if (check) {
    void check.then(async (found) => {
      if (samePlan(found, p)) {
        return;
      }
      log.info(`the Pythons changed since the last start (now: ${found.kind === "none" ? "none fits" : found.from}): restarting`);
      await context.workspaceState.update(LAST_START, undefined);
      await restart(context);
    });
  } else {
    await remember(p, nativeDir);
  }
  await provenance.refresh();
  const c = client;
  context.subscriptions.push(c.onDidChangeState((e) => {
    if (e.newState === State.Stopped && !stopping && client === c) {
      setState("stopped");
      void failed("the server stopped", p);
    }
  }));
}

async function failed(why: string, p: Plan): Promise<void> {
  const from = p.kind === "none" ? "no Python" : p.from;
  const hint = p.kind === "bundled"
    ? "The Provmark output channel has its log."
    : "Install Provmark in that environment (`pip install provmark`, or `pip install .` in a checkout), or clear provmark.interpreter to let the extension run the server it bundles.";
  const choice = await vscode.window.showErrorMessage(
    `Provmark could not run its server with ${from} (${why}). ${hint}`, "Show Log", "Open Settings", "Restart");
  if (choice === "Show Log") {
    log.show();
  } else if (choice === "Open Settings") {
    await vscode.commands.executeCommand("workbench.action.openSettings", "provmark.interpreter");
  } else if (choice === "Restart") {
    await vscode.commands.executeCommand("provmark.restart");
  }
}

async function noPython(tried: string[]): Promise<void> {
  const hasPythonExtension = !!vscode.extensions.getExtension("ms-python.python");
  const choice = await vscode.window.showErrorMessage(
    `Provmark needs Python 3.10 or newer to run its server and found none (${tried.join("; ") || "nothing to try"}). ` +
      "Install Python 3.10+, select it in the Python extension, or set provmark.interpreter; then Retry.",
    "Set provmark.interpreter", hasPythonExtension ? "Select Interpreter" : "Get the Python Extension", "Retry");
  if (choice === "Set provmark.interpreter") {
    await vscode.commands.executeCommand("workbench.action.openSettings", "provmark.interpreter");
  } else if (choice === "Select Interpreter") {
    await vscode.commands.executeCommand("python.setInterpreter");
  } else if (choice === "Get the Python Extension") {
    await vscode.commands.executeCommand("workbench.extensions.search", "ms-python.python");
  } else if (choice === "Retry") {
    await vscode.commands.executeCommand("provmark.restart");
  }
}

async function nativeFailed(why: string, context: vscode.ExtensionContext): Promise<void> {
  const choice = await vscode.window.showWarningMessage(
    `Provmark could not fetch its compiled modules for this Python (${why}). Its server runs all the same, ` +
      "with rapidfuzz's pure-Python implementation, which checks copies more slowly, and without reading Codex CLI's " +
      "compressed sessions.", "Show Log", "Retry");
  if (choice === "Show Log") {
    log.show();
  } else if (choice === "Retry" && plan?.kind === "bundled" && bundle) {
    const r = await native.ensure(plan, bundle.native, true);
    if ("dir" in r) {
      await restart(context);
    } else {
      void nativeFailed(r.failed, context);
    }
  }
}

// One start at a time: a restart asked for during a start (an install, say) waits for it.
let starting: Promise<void> = Promise.resolve();

function start(context: vscode.ExtensionContext): Promise<void> {
  starting = starting.then(() => startClient(context)).catch((e) => {
    log.error(`the server could not start: ${String(e)}`);
    setState("stopped");
  });
  return starting;
}

async function restart(context: vscode.ExtensionContext): Promise<void> {
  await starting;
  startRecording();
  stopping = true;
  await client?.stop().catch(() => undefined);
  stopping = false;
  client = undefined;
  await start(context);
}

class PasteOrigin implements vscode.DocumentPasteEditProvider {
  // On copy or cut inside the editor: leave a marker holding the copied text.
  prepareDocumentPaste(document: vscode.TextDocument, ranges: readonly vscode.Range[],
    dataTransfer: vscode.DataTransfer): void {
    const text = ranges.map((r) => document.getText(r)).join(document.eol === vscode.EndOfLine.CRLF ? "\r\n" : "\n");
    dataTransfer.set(COPY_MIME, new vscode.DataTransferItem(text));
  }

  // On paste: note where the text came from; the change that follows carries it.
  async provideDocumentPasteEdits(document: vscode.TextDocument, _ranges: readonly vscode.Range[],
    dataTransfer: vscode.DataTransfer): Promise<undefined> {
    const marker = await dataTransfer.get(COPY_MIME)?.asString();
    const pasted = (await dataTransfer.get("text/plain")?.asString()) ?? "";
    pending = { uri: document.uri.toString(), source: pasteSource(marker, pasted), at: Date.now() };
    return undefined; // the editor's own paste goes ahead unchanged
  }
}

// The paste the editor just applied, if this change is it: its ranges and source (taken
// once).
function pasteOf(e: vscode.TextDocumentChangeEvent): { range: Range; source: PasteSource }[] {
  const uri = e.document.uri.toString();
  if (!pending || uri !== pending.uri || Date.now() - pending.at > 1000) {
    return [];
  }
  const { source } = pending;
  pending = undefined;
  return pastedRanges(lspChanges(e.contentChanges)).map((range) => ({ range, source }));
}

// A document the server does not have yet: its edits and paste hints are recorded, and
// replayed when the client opens it. (The others' changes go through the client's
// didChange, below, which sends their hints.)
function onChange(e: vscode.TextDocumentChangeEvent): void {
  const uri = e.document.uri.toString();
  if (!recorder.has(uri) || !e.contentChanges.length) {
    return;
  }
  recorder.changed(uri, e.document.version, lspChanges(e.contentChanges));
  for (const h of pasteOf(e)) {
    recorder.pasted(uri, e.document.version, h.range, h.source);
  }
}

// The client sends a change: its paste hints follow it on the wire, never before it (the
// server places a hint by the document's version). While the document's replay is being
// sent, both wait their turn.
function sendChange(event: vscode.TextDocumentChangeEvent, next: (e: vscode.TextDocumentChangeEvent) => Promise<void>): Promise<void> {
  const uri = event.document.uri.toString();
  const version = event.document.version; // now: the document may change meanwhile
  const hints = pasteOf(event);
  const send = async () => {
    await next(event);
    for (const h of hints) {
      await client?.sendNotification(DID_PASTE, { textDocument: { uri, version }, range: h.range, source: h.source })
        .catch(() => undefined);
    }
  };
  const queue = replaying.get(uri);
  return queue ? new Promise<void>((resolve) => queue.push(() => send().finally(resolve))) : send();
}

let taggedDecoration: vscode.TextEditorDecorationType;

function codeOf(d: vscode.Diagnostic): string {
  const code = d.code;
  return typeof code === "object" ? String(code.value) : String(code ?? "");
}

function provmarkTagged(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) =>
    d.source === "provmark" && (d.code === "ai-tagged" || d.code === "human-tagged"));
}

// Tagged regions: quiet, in the gutter and the overview ruler, not in the text.
function decorate(): void {
  for (const editor of vscode.window.visibleTextEditors) {
    const ranges = provmarkTagged(editor.document.uri).map((d) =>
      new vscode.Range(d.range.start.line, 0, d.range.end.line, 0));
    editor.setDecorations(taggedDecoration, ranges);
  }
}

const taggedHover: vscode.HoverProvider = {
  provideHover(document, position) {
    const d = provmarkTagged(document.uri).find((x) =>
      x.range.start.line <= position.line && position.line <= x.range.end.line);
    if (!d) {
      return undefined;
    }
    // vscode-languageclient keeps the LSP diagnostic's data on the diagnostic it makes.
    const data = (d as unknown as { data?: TaggedData }).data;
    return new vscode.Hover(new vscode.MarkdownString(hoverText(codeOf(d), data, d.message)));
  },
};

function updateStatus(): void {
  if (serverState !== "ready") {
    const icon = serverState === "starting" || serverState === "setting up" ? "$(loading~spin)" : "$(error)";
    status.text = `${icon} Provmark: ${serverState === "stopped" ? "server stopped" : serverState === "no Python" ? "no Python 3.10+" : serverState}`;
    status.tooltip = serverState === "setting up"
      ? "Provmark: first start with this Python, fetching a compiled module for its server"
      : `Provmark: ${serverState}; the Provmark output channel has the log`;
    return;
  }
  let blocks = 0;
  for (const [, diags] of vscode.languages.getDiagnostics()) {
    blocks += diags.filter((d) => d.source === "provmark" && d.severity === vscode.DiagnosticSeverity.Warning).length;
  }
  status.text = blocks ? `$(warning) ${blocks} untagged AI block${blocks === 1 ? "" : "s"}` : "$(shield) Provmark";
  status.tooltip = "Provmark: click to scan the workspace";
}

// A command that needs the server, asked for while there is none: say why.
function noServer(): boolean {
  if (client && serverState === "ready") {
    return false;
  }
  void vscode.window.showWarningMessage(`Provmark: its server is not running (${
    serverState === "no Python" ? "no Python 3.10+" : serverState === "stopped" ? "it stopped" : `${serverState}…`}).`,
  "Show Log").then((c) => c && log.show());
  return true;
}

async function tagSelection(kind: "ai" | "human"): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || noServer() || !client) {
    return;
  }
  const s = editor.selection;
  await client.sendRequest("workspace/executeCommand", {
    command: "provmark.tag",
    arguments: [{
      uri: editor.document.uri.toString(),
      range: { start: { line: s.start.line, character: 0 }, end: { line: s.end.line, character: s.end.character } },
      origin: { kind },
      training: kind === "ai" ? "exclude" : "include",
    }],
  });
}

async function scan(): Promise<void> {
  if (noServer() || !client) {
    return;
  }
  const c = client;
  const totals = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: "Provmark: scanning the workspace" },
    () => c.sendRequest<Record<string, number>>("workspace/executeCommand",
      { command: "provmark.scanWorkspace", arguments: [] }),
  );
  void vscode.window.showInformationMessage(
    `Provmark: ${totals.files} files, ${totals.flagged} untagged AI blocks, ${totals.tagged} tagged, ` +
      `${totals.stale} stale records.`);
}

let reportPanel: vscode.WebviewPanel | undefined;

async function pickFolder(): Promise<vscode.WorkspaceFolder | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length <= 1) {
    return folders[0];
  }
  return vscode.window.showWorkspaceFolderPick({ placeHolder: "Provmark: the folder to report on" });
}

function runReport(p: Exclude<Plan, { kind: "none" }>, root: string, nonce: string | undefined,
  token: vscode.CancellationToken): Promise<{ code: number | null; html: string; stderr: string }> {
  const argv = ["report", root, "--stdout", "--progress", "never", ...(nonce ? ["--csp-nonce", nonce] : [])];
  const cmd = launch(p, argv, nativeDir);
  return new Promise((resolve) => {
    const child = spawn(cmd.command, cmd.args, { cwd: root, windowsHide: true });
    let html = "";
    let err = "";
    child.stdout.setEncoding("utf8");
    token.onCancellationRequested(() => child.kill());
    child.stdout.on("data", (d: string) => (html += d));
    child.stderr.on("data", (d: Buffer) => {
      err += d.toString();
      log.append(d.toString());
    });
    child.on("error", (e) => resolve({ code: null, html: "", stderr: e.message }));
    child.on("close", (code) => resolve({ code, html, stderr: err }));
  });
}

// "Show Provenance Report": `provmark report FOLDER --stdout` with the server's Python,
// in a webview that loads nothing (our CSP; the page's styles and script by nonce).
async function report(): Promise<void> {
  const p = plan;
  if (!p || p.kind === "none") {
    void (p ? noPython(p.tried) : vscode.window.showInformationMessage("Provmark: its server is still starting."));
    return;
  }
  const folder = await pickFolder();
  if (!folder) {
    void vscode.window.showInformationMessage("Provmark: open a folder to report on.");
    return;
  }
  const root = folder.uri.fsPath;
  const nonce = randomBytes(16).toString("hex");
  const r = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Provmark: the provenance report of ${folder.name}`, cancellable: true },
    async (_progress, token) => {
      const first = await runReport(p, root, nonce, token);
      // A server from before --csp-nonce: the nonce goes in here instead.
      return first.code === 2 && /--csp-nonce/.test(first.stderr) ? runReport(p, root, undefined, token) : first;
    });
  if (r.code !== 0 || !/<html/i.test(r.html)) {
    const last = r.stderr.trim().split("\n").pop() ?? "";
    const choice = await vscode.window.showErrorMessage(
      `Provmark could not make the report of ${folder.name} (${r.code === null ? "it did not run" : `exit code ${r.code}`}${last ? `: ${last}` : ""}).`,
      "Show Log");
    if (choice === "Show Log") {
      log.show();
    }
    return;
  }
  if (!reportPanel) {
    reportPanel = vscode.window.createWebviewPanel("provmark.report", "Provenance Report", vscode.ViewColumn.Active, {
      enableScripts: true, // the page's one script (expand and collapse all), allowed by its nonce
      enableCommandUris: false,
      enableFindWidget: true,
      localResourceRoots: [],
    });
    reportPanel.onDidDispose(() => (reportPanel = undefined));
  }
  reportPanel.title = `Provenance Report: ${folder.name}`;
  reportPanel.webview.html = secureReport(r.html, nonce);
  reportPanel.reveal();
}

const activatedAt = Date.now();

export function activate(context: vscode.ExtensionContext): void {
  // First of all: from now on, edits are kept for the server until it is ready.
  startRecording();
  log = vscode.window.createOutputChannel("Provmark", { log: true });
  bundle = readBundle(context.extensionPath);
  native = new NativeModules(context.globalStorageUri.fsPath, log);
  taggedDecoration = vscode.window.createTextEditorDecorationType({
    gutterIconPath: vscode.Uri.joinPath(context.extensionUri, "media", "tagged.svg"),
    gutterIconSize: "contain",
    overviewRulerColor: new vscode.ThemeColor("editorOverviewRuler.infoForeground"),
    overviewRulerLane: vscode.OverviewRulerLane.Left,
    isWholeLine: true,
  });
  status = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Left, 10);
  status.command = "provmark.scanWorkspaceCommand";
  status.show();
  updateStatus();
  provenance = new ProvenanceView(() => client);
  context.subscriptions.push(
    status,
    taggedDecoration,
    ...provenance.register(),
    vscode.languages.onDidChangeDiagnostics(() => {
      updateStatus();
      decorate();
    }),
    vscode.window.onDidChangeVisibleTextEditors(decorate),
    vscode.languages.registerHoverProvider({ scheme: "file" }, taggedHover),
    log,
    vscode.workspace.onDidChangeTextDocument(onChange),
    vscode.workspace.onDidOpenTextDocument((d) => d.uri.scheme === "file" && recorder.opened(snapshot(d))),
    vscode.workspace.onDidCloseTextDocument((d) => recorder.closed(d.uri.toString())),
    vscode.languages.registerDocumentPasteEditProvider({ scheme: "file" }, new PasteOrigin(), {
      providedPasteEditKinds: [],
      copyMimeTypes: [COPY_MIME],
      pasteMimeTypes: ["text/plain", COPY_MIME],
    }),
    vscode.commands.registerCommand("provmark.scanWorkspaceCommand", scan),
    vscode.commands.registerCommand("provmark.tagSelectionAi", () => tagSelection("ai")),
    vscode.commands.registerCommand("provmark.tagSelectionHuman", () => tagSelection("human")),
    vscode.commands.registerCommand("provmark.showReport", report),
    vscode.commands.registerCommand("provmark.restart", () => restart(context)),
    vscode.commands.registerCommand("provmark.showLog", () => log.show()),
  );
  // Not awaited: activation ends at once; the status bar says how far the start got.
  void start(context);
}

export async function deactivate(): Promise<void> {
  stopping = true;
  await client?.stop();
}
