// Finding a Python for the server and setting up what the bundled server needs: the
// pure decision is in pure/interpreter.ts; here are the processes, files and messages.
import { execFile, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import * as vscode from "vscode";
import {
  Bundle, Candidate, findServer, nativeCheckCode, nativeInstallArgs, nativeKey, parseProbe, pathCommands, Plan,
  Probe, PROBE_CODE,
} from "./pure/interpreter";

const PROBE_TIMEOUT_MS = 15_000;
const PYTHON_EXTENSION_TIMEOUT_MS = 5_000;
const INSTALL_TIMEOUT_MS = 180_000;
const RETRY_AFTER_MS = 24 * 3600 * 1000;

/** bundled/manifest.json, written by scripts/bundle_python.py at package time. */
export function readBundle(extensionPath: string): Bundle | undefined {
  const dir = path.join(extensionPath, "bundled");
  try {
    const m = JSON.parse(fs.readFileSync(path.join(dir, "manifest.json"), "utf8")) as { provmark?: string; native?: string };
    if (typeof m.provmark === "string" && fs.existsSync(path.join(dir, "libs", "provmark"))) {
      return { libs: path.join(dir, "libs"), provmark: m.provmark, native: m.native ?? "rapidfuzz>=3.13,<4 zstandard>=0.22" };
    }
  } catch {
    // a build without the bundle (npm run build only): Python environments only
  }
  return undefined;
}

function run(command: string, args: string[], timeout: number): Promise<{ code: number | null; stdout: string; stderr: string; error?: string }> {
  return new Promise((resolve) => {
    execFile(command, args, { timeout, windowsHide: true, maxBuffer: 1 << 20 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === "number" ? err.code : null) : 0;
      const error = err ? ((err as NodeJS.ErrnoException).code === "ENOENT" ? "not found" : err.message.split("\n")[0]) : undefined;
      resolve({ code, stdout: String(stdout), stderr: String(stderr), error });
    });
  });
}

export async function probe(command: string[], from: string): Promise<Candidate> {
  const r = await run(command[0], [...command.slice(1), "-c", PROBE_CODE], PROBE_TIMEOUT_MS);
  const p = r.code === 0 ? parseProbe(r.stdout) : undefined;
  return p ? { command, from, probe: p } : { command, from, error: r.error ?? (r.stderr.trim().split("\n").pop() || "did not run") };
}

// The part of the Python extension's API used here.
interface PythonApi {
  settings?: { getExecutionDetails?(resource?: vscode.Uri): { execCommand?: string[] } };
}

/** The Python extension's active environment, if that extension is installed; its
 * activation is waited for only so long. */
export async function pythonExtensionCommand(): Promise<string[] | undefined> {
  const ext = vscode.extensions.getExtension("ms-python.python");
  if (!ext) {
    return undefined;
  }
  try {
    const api = (ext.isActive ? ext.exports : await Promise.race([
      ext.activate(), new Promise<undefined>((r) => setTimeout(() => r(undefined), PYTHON_EXTENSION_TIMEOUT_MS)),
    ])) as PythonApi | undefined;
    const cmd = api?.settings?.getExecutionDetails?.(vscode.workspace.workspaceFolders?.[0]?.uri)?.execCommand;
    return cmd?.filter((x) => x.length > 0);
  } catch {
    return undefined;
  }
}

export async function findPlan(bundle: Bundle | undefined, log: vscode.OutputChannel): Promise<Plan> {
  const setting = vscode.workspace.getConfiguration("provmark").get<string>("interpreter");
  if (setting?.trim()) {
    return findServer({ setting, path: [], trusted: vscode.workspace.isTrusted });
  }
  const extCommand = vscode.workspace.isTrusted ? await pythonExtensionCommand() : undefined;
  const [ext, ...onPath] = await Promise.all([
    extCommand?.length ? probe(extCommand, "the Python extension's active environment") : Promise.resolve(undefined),
    ...pathCommands(process.platform).map((c) => probe(c, `${c.join(" ")} on PATH`)),
  ]);
  for (const c of [ext, ...onPath]) {
    if (c) {
      log.appendLine(`[setup] ${c.command.join(" ")}: ` + (c.probe
        ? `Python ${c.probe.version.join(".")} at ${c.probe.executable}, pip ${c.probe.pip ? "yes" : "no"}, provmark ${c.probe.provmark ?? "no"}`
        : c.error));
    }
  }
  return findServer({ pythonExtension: ext, path: onPath, bundle, trusted: vscode.workspace.isTrusted });
}

type NativeResult = { dir: string } | { failed: string; fresh: boolean };

/** The compiled modules the bundled server runs better with (rapidfuzz's C++ scorers;
 * zstandard, for Codex CLI's compressed sessions), fetched once per Python ABI and
 * platform into the extension's global storage. The bundle runs without them
 * (rapidfuzz's pure-Python implementation; compressed sessions skipped). */
export class NativeModules {
  constructor(private readonly storage: string, private readonly log: vscode.OutputChannel) {}

  // One folder per set of requirements too: a bundle that asks for more (zstandard beside
  // rapidfuzz) fetches again rather than taking a folder fetched for less.
  private paths(p: Probe, requirement: string): { dir: string; failed: string } {
    const set = createHash("sha256").update(requirement).digest("hex").slice(0, 8);
    const base = path.join(this.storage, "native", `${nativeKey(p)}-${set}`);
    return { dir: base, failed: base + ".failed.json" };
  }

  installed(p: Probe, requirement: string): string | undefined {
    const { dir } = this.paths(p, requirement);
    return fs.existsSync(path.join(dir, ".provmark-ok")) ? dir : undefined;
  }

  /** Fetch them unless they are there, or failed less than a day ago (unless `force`). */
  async ensure(plan: Extract<Plan, { kind: "bundled" }>, requirement: string, force = false): Promise<NativeResult> {
    const p = plan.probe;
    const { dir, failed } = this.paths(p, requirement);
    if (this.installed(p, requirement)) {
      return { dir };
    }
    if (!force) {
      try {
        const f = JSON.parse(fs.readFileSync(failed, "utf8")) as { at: number; error: string };
        if (Date.now() - f.at < RETRY_AFTER_MS) {
          this.log.appendLine(`[setup] compiled modules for ${nativeKey(p)} failed at ${new Date(f.at).toISOString()}: not retried before a day has passed (command "Provmark: Restart Server" after "Retry" does)`);
          return { failed: f.error, fresh: false };
        }
      } catch {
        // never failed
      }
    }
    const error = p.pip ? await this.install(plan, requirement, dir) : `Python ${p.version.join(".")} at ${p.executable} has no pip`;
    if (error === undefined) {
      fs.rmSync(failed, { force: true });
      return { dir };
    }
    this.log.appendLine(`[setup] ${error}; the bundled server runs with rapidfuzz's pure-Python implementation`);
    fs.mkdirSync(path.dirname(failed), { recursive: true });
    fs.writeFileSync(failed, JSON.stringify({ at: Date.now(), error }));
    return { failed: error, fresh: true };
  }

  private install(plan: Extract<Plan, { kind: "bundled" }>, requirement: string, dir: string): Thenable<string | undefined> {
    const tmp = `${dir}.tmp-${process.pid}-${Date.now()}`;
    const title = `Provmark: first start with Python ${plan.probe.version.slice(0, 2).join(".")}: fetching compiled modules (${requirement})`;
    return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true },
      async (_progress, token) => {
        const started = Date.now();
        const args = [...plan.args, ...nativeInstallArgs(tmp, requirement)];
        this.log.appendLine(`[setup] ${plan.command} ${args.join(" ")}`);
        const code = await new Promise<number | string>((resolve) => {
          const child = spawn(plan.command, args, { windowsHide: true, env: { ...process.env, PIP_NO_INPUT: "1", PIP_ROOT_USER_ACTION: "ignore" } });
          const timer = setTimeout(() => child.kill(), INSTALL_TIMEOUT_MS);
          token.onCancellationRequested(() => child.kill());
          child.stdout.on("data", (d: Buffer) => this.log.append(d.toString()));
          child.stderr.on("data", (d: Buffer) => this.log.append(d.toString()));
          child.on("error", (e) => resolve(e.message));
          child.on("close", (c, signal) => {
            clearTimeout(timer);
            resolve(token.isCancellationRequested ? "cancelled" : (c ?? `killed (${signal})`));
          });
        });
        try {
          if (code !== 0) {
            return `pip could not install ${requirement} (${typeof code === "number" ? `exit code ${code}` : code})`;
          }
          const check = await run(plan.command, [...plan.args, "-I", "-c", nativeCheckCode(tmp, requirement)], PROBE_TIMEOUT_MS);
          if (check.code !== 0) {
            return `the compiled modules pip installed do not import (${check.stderr.trim().split("\n").pop() ?? check.error})`;
          }
          fs.writeFileSync(path.join(tmp, ".provmark-ok"), new Date().toISOString());
          try {
            fs.renameSync(tmp, dir);
          } catch (e) {
            if (!this.installedDir(dir)) {
              return `could not move ${tmp} to ${dir} (${String(e)})`;
            } // another window put it there first
          }
          this.log.appendLine(`[setup] compiled modules ready in ${dir} (${Date.now() - started} ms)`);
          return undefined;
        } finally {
          fs.rmSync(tmp, { recursive: true, force: true });
        }
      });
  }

  private installedDir(dir: string): boolean {
    return fs.existsSync(path.join(dir, ".provmark-ok"));
  }
}
