// The Provmark extension: starts `provmark serve`, tells it where pastes came from,
// shows the untagged AI blocks in the status bar, lists the unreviewed records in the
// Provenance view, and offers the commands.
import * as vscode from "vscode";
import {
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  State,
} from "vscode-languageclient/node";
import { chooseInterpreter, serverArgs } from "./pure/interpreter";
import { pastedRanges, pasteSource, PasteSource } from "./pure/pasteRanges";
import { hoverText, TaggedData } from "./pure/tagged";
import { ProvenanceView } from "./provenanceView";

const COPY_MIME = "application/vnd.provmark.copied";
let client: LanguageClient | undefined;
let status: vscode.StatusBarItem;
let provenance: ProvenanceView;
// The paste the editor is applying now: its source, until its change arrives.
let pending: { uri: string; source: PasteSource; at: number } | undefined;

// The part of the Python extension's API used here.
interface PythonApi {
  settings?: { getExecutionDetails?(resource?: vscode.Uri): { execCommand?: string[] } };
}

async function pythonExtensionCommand(): Promise<string[] | undefined> {
  const ext = vscode.extensions.getExtension("ms-python.python");
  if (!ext) {
    return undefined;
  }
  try {
    const api = (ext.isActive ? ext.exports : await ext.activate()) as PythonApi | undefined;
    return api?.settings?.getExecutionDetails?.(vscode.workspace.workspaceFolders?.[0]?.uri)?.execCommand;
  } catch {
    return undefined;
  }
}

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

async function startClient(context: vscode.ExtensionContext): Promise<void> {
  const interp = chooseInterpreter({
    setting: vscode.workspace.getConfiguration("provmark").get<string>("interpreter"),
    pythonExtension: await pythonExtensionCommand(),
  });
  const serverOptions: ServerOptions = {
    command: interp.command,
    args: serverArgs(interp.args), // stdio, without the --stdio flag a transport would add
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ scheme: "file" }],
    initializationOptions: settings(),
    synchronize: { configurationSection: "provmark" },
    // The server explains its own failures; one message from us is enough.
    initializationFailedHandler: (error) => {
      void failed(String(error), interp.from);
      return false;
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
    await failed(String(e), interp.from);
    client = undefined;
    await provenance.refresh();
    return;
  }
  await provenance.refresh();
  context.subscriptions.push(client.onDidChangeState((e) => {
    if (e.newState === State.Stopped) {
      void failed("the server stopped", interp.from);
    }
  }));
}

async function failed(why: string, from: string): Promise<void> {
  const choice = await vscode.window.showErrorMessage(
    `Provmark could not run its server with ${from} (${why}). Install it in that ` +
      "environment from a checkout of the Provmark repository (`pip install .`), or set provmark.interpreter.",
    "Open Settings", "Restart");
  if (choice === "Open Settings") {
    await vscode.commands.executeCommand("workbench.action.openSettings", "provmark.interpreter");
  } else if (choice === "Restart") {
    await vscode.commands.executeCommand("provmark.restart");
  }
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

function onChange(e: vscode.TextDocumentChangeEvent): void {
  if (!pending || !client || e.document.uri.toString() !== pending.uri || Date.now() - pending.at > 1000) {
    return;
  }
  const { source } = pending;
  pending = undefined;
  const changes = e.contentChanges.map((c) => ({
    range: {
      start: { line: c.range.start.line, character: c.range.start.character },
      end: { line: c.range.end.line, character: c.range.end.character },
    },
    text: c.text,
  }));
  for (const range of pastedRanges(changes)) {
    void client.sendNotification("provmark/didPaste", {
      textDocument: { uri: e.document.uri.toString(), version: e.document.version },
      range,
      source,
    });
  }
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
  let blocks = 0;
  for (const [, diags] of vscode.languages.getDiagnostics()) {
    blocks += diags.filter((d) => d.source === "provmark" && d.severity === vscode.DiagnosticSeverity.Warning).length;
  }
  status.text = blocks ? `$(warning) ${blocks} untagged AI block${blocks === 1 ? "" : "s"}` : "$(shield) Provmark";
  status.tooltip = "Provmark: click to scan the workspace";
}

async function tagSelection(kind: "ai" | "human"): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || !client) {
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
  if (!client) {
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

async function report(): Promise<void> {
  const rows: string[] = ["# Provmark provenance report", "", "| file | line | what |", "|---|---|---|"];
  for (const [uri, diags] of vscode.languages.getDiagnostics()) {
    for (const d of diags.filter((x) => x.source === "provmark")) {
      rows.push(`| ${vscode.workspace.asRelativePath(uri)} | ${d.range.start.line + 1} | ${d.message.replace(/\|/g, "/")} |`);
    }
  }
  const doc = await vscode.workspace.openTextDocument({ language: "markdown", content: rows.join("\n") + "\n" });
  await vscode.window.showTextDocument(doc);
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
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
    vscode.workspace.onDidChangeTextDocument(onChange),
    vscode.languages.registerDocumentPasteEditProvider({ scheme: "file" }, new PasteOrigin(), {
      providedPasteEditKinds: [],
      copyMimeTypes: [COPY_MIME],
      pasteMimeTypes: ["text/plain", COPY_MIME],
    }),
    vscode.commands.registerCommand("provmark.scanWorkspaceCommand", scan),
    vscode.commands.registerCommand("provmark.tagSelectionAi", () => tagSelection("ai")),
    vscode.commands.registerCommand("provmark.tagSelectionHuman", () => tagSelection("human")),
    vscode.commands.registerCommand("provmark.showReport", report),
    vscode.commands.registerCommand("provmark.restart", async () => {
      await client?.stop().catch(() => undefined);
      client = undefined;
      await startClient(context);
    }),
  );
  await startClient(context);
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
