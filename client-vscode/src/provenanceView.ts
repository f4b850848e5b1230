// The Provenance view: the workspace's unreviewed records (lines Provmark flagged that
// nobody has decided on), per file, from the server's provmark.listUnreviewed; go to
// one, or tag one or a whole file's as AI-generated or as written by you
// (provmark.resolveUnreviewed). The status bar counts them. The server says when the
// set changes (provmark/unreviewedChanged); nothing polls.
import * as vscode from "vscode";
import { LanguageClient } from "vscode-languageclient/node";
import {
  Decision, fileLabel, parseListing, recordLabel, recordTooltip, resolveArgument, selectionOf, statusText,
  UnreviewedFile, UnreviewedListing, UnreviewedRecord,
} from "./pure/unreviewed";

export const VIEW_ID = "provmark.provenance";
export const CHANGED = "provmark/unreviewedChanged";

class FileNode {
  constructor(readonly file: UnreviewedFile) {}
}

class RecordNode {
  constructor(readonly file: UnreviewedFile, readonly record: UnreviewedRecord) {}
}

type Node = FileNode | RecordNode;

export class ProvenanceView implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private listing: UnreviewedListing = { files: [], total: 0, problems: [] };
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly status: vscode.StatusBarItem;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private told = new Set<string>();

  constructor(private readonly client: () => LanguageClient | undefined) {
    this.status = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Left, 9);
    this.status.command = `${VIEW_ID}.focus`;
    this.status.tooltip = "Provmark: lines flagged as likely AI-written that nobody has reviewed; click to review them";
  }

  register(): vscode.Disposable[] {
    return [
      this,
      vscode.window.registerTreeDataProvider(VIEW_ID, this),
      vscode.commands.registerCommand("provmark.unreviewed.refresh", () => this.refresh()),
      vscode.commands.registerCommand("provmark.unreviewed.open", (n: RecordNode) => this.open(n)),
      vscode.commands.registerCommand("provmark.unreviewed.tagAi", (n?: Node) => this.resolve("ai", n)),
      vscode.commands.registerCommand("provmark.unreviewed.tagHuman", (n?: Node) => this.resolve("human", n)),
    ];
  }

  // Listen to a (new) client: the server tells when the unreviewed records change.
  attach(client: LanguageClient): vscode.Disposable {
    return client.onNotification(CHANGED, () => this.soon());
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.status.dispose();
    this.changed.dispose();
  }

  // Changes come in bursts (a flush, then a save): one listing for them.
  soon(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), 150);
  }

  async refresh(): Promise<void> {
    const c = this.client();
    if (!c?.isRunning()) {
      this.show({ files: [], total: 0, problems: [] });
      return;
    }
    try {
      this.show(parseListing(await c.sendRequest("workspace/executeCommand",
        { command: "provmark.listUnreviewed", arguments: [] })));
    } catch (e) {
      console.error("provmark.listUnreviewed failed", e);
    }
  }

  private show(listing: UnreviewedListing): void {
    this.listing = listing;
    for (const p of listing.problems.filter((p) => !this.told.has(p))) {
      this.told.add(p);
      void vscode.window.showWarningMessage(`Provmark: ${p}. Its records are not listed; the pipeline leaves the whole file out.`);
    }
    const text = statusText(listing.total);
    if (text) {
      this.status.text = text;
      this.status.show();
    } else {
      this.status.hide();
    }
    this.changed.fire(undefined);
  }

  getChildren(node?: Node): Node[] {
    if (!node) {
      return this.listing.files.map((f) => new FileNode(f));
    }
    return node instanceof FileNode ? node.file.records.map((r) => new RecordNode(node.file, r)) : [];
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node instanceof FileNode) {
      const { label, description } = fileLabel(node.file);
      const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.Expanded);
      item.id = `file:${node.file.uri}`; // a path may be in several workspace folders
      item.description = description;
      item.resourceUri = vscode.Uri.parse(node.file.uri);
      item.tooltip = node.file.path;
      item.contextValue = "provmarkUnreviewedFile";
      return item;
    }
    const item = new vscode.TreeItem(recordLabel(node.record, new Date()), vscode.TreeItemCollapsibleState.None);
    item.id = `record:${node.file.uri}:${node.record.id}`;
    item.tooltip = recordTooltip(node.record);
    item.iconPath = new vscode.ThemeIcon("warning");
    item.contextValue = "provmarkUnreviewedRecord";
    item.command = { command: "provmark.unreviewed.open", title: "Go to the lines", arguments: [node] };
    return item;
  }

  private async open(node: RecordNode): Promise<void> {
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(node.file.uri));
    const { start, end } = selectionOf(node.record);
    const last = Math.min(end, doc.lineCount - 1);
    const range = new vscode.Range(Math.min(start, last), 0, last, doc.lineAt(last).text.length);
    await vscode.window.showTextDocument(doc, { selection: range });
  }

  // One record, a whole file's, or (from the palette, with nothing chosen) the record
  // under the cursor's file.
  private async resolve(kind: Decision, node?: Node): Promise<void> {
    const c = this.client();
    if (!c || !node) {
      return;
    }
    const picks = node instanceof RecordNode
      ? [{ uri: node.file.uri, id: node.record.id }]
      : node.file.records.map((r) => ({ uri: node.file.uri, id: r.id }));
    try {
      const out = await c.sendRequest<{ resolved: number; missing: unknown[] }>("workspace/executeCommand",
        { command: "provmark.resolveUnreviewed", arguments: [resolveArgument(kind, picks)] });
      if (out.missing.length) {
        void vscode.window.showInformationMessage(
          `Provmark: ${out.missing.length} record(s) had been reviewed or removed meanwhile.`);
      }
    } catch (e) {
      void vscode.window.showErrorMessage(`Provmark: ${e instanceof Error ? e.message : String(e)}`);
    }
    await this.refresh();
  }
}
