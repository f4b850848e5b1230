// Which Python runs the server, and how (no vscode import: unit-tested).
//
// The order: the provmark.interpreter setting, as it is; else the Python extension's
// active environment if it has Provmark installed (at least as new as the one bundled);
// else the server bundled with the extension (bundled/libs: Provmark and its
// dependencies as pure Python) run by the first Python 3.10+ found: the Python
// extension's environment, then python3 and python on PATH (py -3 first on Windows);
// else a Python on PATH that has Provmark installed (a build of the extension without
// the bundle); else nothing, and the user is told which Pythons were tried and why.
// In an untrusted workspace the Python extension's environment is never used: it can be
// a program inside the workspace.

export const MIN_PYTHON: [number, number] = [3, 10];

/** What a Python says about itself (PROBE_CODE's output). */
export interface Probe {
  version: [number, number, number];
  executable: string;
  cacheTag: string; // sys.implementation.cache_tag: cpython-311
  abiflags: string; // sys.abiflags: "t" for a free-threaded build, which needs its own wheels
  platform: string; // sysconfig.get_platform(): linux-x86_64, macosx-11.0-arm64, win-amd64
  libc: string; // glibc, or "" (musl, or not Linux)
  pip: boolean;
  provmark: string | null; // the installed version, if any
}

/** A Python to try: its command line, where it came from, and its probe or why none. */
export interface Candidate {
  command: string[];
  from: string;
  probe?: Probe;
  error?: string;
}

/** What bundled/manifest.json says. */
export interface Bundle {
  libs: string; // absolute path of bundled/libs
  provmark: string; // version of the bundled server
  native: string; // requirement of the compiled module fetched at first start
}

export interface FindInputs {
  setting?: string;
  pythonExtension?: Candidate;
  path: Candidate[];
  bundle?: Bundle;
  trusted: boolean;
}

// `via`: where the Python came from (an untrusted workspace may not use the Python
// extension's environment, however it was found before).
export type Via = "setting" | "python-extension" | "path";

export type Plan =
  | { kind: "command"; command: string; args: string[]; from: string; via: Via }
  | { kind: "bundled"; command: string; args: string[]; from: string; via: Via; probe: Probe; libs: string }
  | { kind: "none"; tried: string[] };

/** The Pythons looked for on PATH, in order. */
export function pathCommands(platform: string): string[][] {
  return platform === "win32" ? [["py", "-3"], ["python"], ["python3"]] : [["python3"], ["python"]];
}

export function supported(p: Probe | undefined): p is Probe {
  return !!p && (p.version[0] > MIN_PYTHON[0] || (p.version[0] === MIN_PYTHON[0] && p.version[1] >= MIN_PYTHON[1]));
}

function release(v: string): number[] {
  const m = /^\s*v?(\d+(?:\.\d+)*)/.exec(v);
  return m ? m[1].split(".").map(Number) : [];
}

/** a >= b, by their release numbers (0.2.0rc1 counts as 0.2.0). */
export function versionAtLeast(a: string, b: string): boolean {
  const x = release(a), y = release(b);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) {
      return d > 0;
    }
  }
  return true;
}

function pyVersion(p: Probe): string {
  return p.version.join(".");
}

function split(c: Candidate): { command: string; args: string[] } {
  return { command: c.command[0], args: c.command.slice(1) };
}

function why(c: Candidate): string {
  const name = c.command.join(" ");
  if (!c.probe) {
    return `${name}: ${c.error ?? "not found"}`;
  }
  return supported(c.probe)
    ? `${name}: Python ${pyVersion(c.probe)}` + (c.probe.provmark ? `, provmark ${c.probe.provmark}` : ", no provmark")
    : `${name}: Python ${pyVersion(c.probe)}, older than ${MIN_PYTHON.join(".")}`;
}

export function findServer(src: FindInputs): Plan {
  const setting = (src.setting ?? "").trim();
  if (setting) {
    return { kind: "command", command: setting, args: [], from: "the provmark.interpreter setting", via: "setting" };
  }
  const ext = src.trusted && src.pythonExtension?.command.length ? src.pythonExtension : undefined;
  const installed = (c: Candidate | undefined): c is Candidate =>
    !!c && supported(c.probe) && !!c.probe.provmark && (!src.bundle || versionAtLeast(c.probe.provmark, src.bundle.provmark));
  if (installed(ext)) {
    return { kind: "command", ...split(ext), from: `${ext.from} (provmark ${ext.probe?.provmark})`, via: "python-extension" };
  }
  const pythons = [...(ext ? [ext] : []), ...src.path];
  if (src.bundle) {
    const py = pythons.find((c) => supported(c.probe));
    if (py?.probe) {
      return {
        kind: "bundled", ...split(py), probe: py.probe, libs: src.bundle.libs, via: py === ext ? "python-extension" : "path",
        from: `Python ${pyVersion(py.probe)} (${py.from}) with the server bundled in the extension`,
      };
    }
  }
  const onPath = src.path.find((c) => supported(c.probe) && !!c.probe.provmark);
  if (onPath) {
    return { kind: "command", ...split(onPath), from: `${onPath.from} (provmark ${onPath.probe?.provmark})`, via: "path" };
  }
  return { kind: "none", tried: pythons.map(why) };
}

// Run by each candidate: what it is, whether it has pip and provmark. The same sys.path
// as the server's boot (without the current folder), so that it finds the same provmark.
export const PROBE_CODE = [
  "import os, sys, json, sysconfig, importlib.util",
  "sys.path[:] = [p for p in sys.path if p not in ('', '.')]",
  "def libc():",
  "    try:",
  "        return os.confstr('CS_GNU_LIBC_VERSION').split()[0] if sys.platform.startswith('linux') else ''",
  "    except (AttributeError, ValueError, OSError, IndexError):",
  "        return ''",
  "def v():",
  "    try:",
  "        from importlib.metadata import version",
  "        return version('provmark') if importlib.util.find_spec('provmark') else None",
  "    except Exception:",
  "        return None",
  "print(json.dumps({'version': list(sys.version_info[:3]), 'executable': sys.executable,",
  "    'cacheTag': sys.implementation.cache_tag or '', 'abiflags': getattr(sys, 'abiflags', ''),",
  "    'platform': sysconfig.get_platform(),",
  "    'libc': libc(), 'pip': importlib.util.find_spec('pip') is not None, 'provmark': v()}))",
].join("\n");

export function parseProbe(stdout: string): Probe | undefined {
  const line = stdout.trim().split(/\r?\n/).pop() ?? "";
  try {
    const p = JSON.parse(line) as Partial<Probe>;
    const v = p.version;
    if (!Array.isArray(v) || v.length < 2 || !v.every((x) => typeof x === "number") || typeof p.executable !== "string") {
      return undefined;
    }
    return {
      version: [v[0], v[1], v[2] ?? 0], executable: p.executable, cacheTag: String(p.cacheTag ?? ""),
      abiflags: String(p.abiflags ?? ""),
      platform: String(p.platform ?? ""), libc: String(p.libc ?? ""), pip: p.pip === true,
      provmark: typeof p.provmark === "string" ? p.provmark : null,
    };
  } catch {
    return undefined;
  }
}

/** The folder (under the extension's storage) for this Python's compiled modules: one
 * per interpreter ABI (a free-threaded build apart) and platform. */
export function nativeKey(p: Probe): string {
  const linux = p.platform.startsWith("linux") ? `-${p.libc || "other-libc"}` : "";
  const tag = (p.cacheTag || "python" + p.version.slice(0, 2).join("")) + p.abiflags;
  return `${tag}-${p.platform}${linux}`.replace(/[^A-Za-z0-9._-]/g, "_");
}

// `python -m provmark` would put the current folder (the workspace) first on sys.path:
// a workspace holding a json.py or a provmark/ folder would then run its own code inside
// the server. So the server starts from -c, which drops that entry before importing;
// the bundled server's folders go first.
export function bootCode(argv: string[], paths: string[] = []): string {
  const front = paths.length ? `sys.path[:0] = ${JSON.stringify(paths)}; ` : "";
  return "import sys; sys.path[:] = [p for p in sys.path if p not in ('', '.')]; " + front +
    `from provmark.cli import main; sys.exit(main(${JSON.stringify(argv)}))`;
}

export const SERVER_BOOT = bootCode(["serve"]);

export function serverArgs(interpreterArgs: string[]): string[] {
  return [...interpreterArgs, "-c", SERVER_BOOT];
}

/** The command line that runs `provmark ARGV` as planned: the bundled server in isolated
 * mode (-I: no PYTHONPATH, no user site, nothing of the environment's own packages ahead
 * of the bundle), its compiled modules' folder first when there is one. */
export function launch(plan: Exclude<Plan, { kind: "none" }>, argv: string[],
  nativeDir?: string): { command: string; args: string[] } {
  if (plan.kind === "bundled") {
    const paths = [...(nativeDir ? [nativeDir] : []), plan.libs];
    return { command: plan.command, args: [...plan.args, "-I", "-c", bootCode(argv, paths)] };
  }
  return { command: plan.command, args: [...plan.args, "-c", bootCode(argv)] };
}

/** pip's command line that fetches the compiled modules (only wheels, no dependencies:
 * the bundle has them) into `target`; `requirements` holds one or more, space-separated. */
export function nativeInstallArgs(target: string, requirements: string): string[] {
  return ["-m", "pip", "install", "--disable-pip-version-check", "--no-input", "--no-warn-script-location",
    "--only-binary=:all:", "--no-deps", "--retries", "1", "--timeout", "15", "--target", target,
    ...requirements.split(/\s+/).filter(Boolean)];
}

/** Checks that the folder has the compiled modules: rapidfuzz's C++ scorer, and zstandard
 * (Codex CLI's compressed sessions) when it was asked for. */
export function nativeCheckCode(dir: string, requirements = ""): string {
  const zstd = /(^|\s)zstandard/.test(requirements) ? " import zstandard;" : "";
  return `import sys; sys.path[:0] = [${JSON.stringify(dir)}]; import rapidfuzz.fuzz_cpp;${zstd} print('ok')`;
}

/** What the last start used, kept so that the next window starts its server at once and
 * checks the Pythons meanwhile (probing them, and waiting for the Python extension, take
 * from half a second to seconds). */
export interface LastStart {
  plan: Exclude<Plan, { kind: "none" }>;
  setting: string;
  bundle?: string; // the bundled server's version then
  nativeDir?: string;
}

/** The last start, if it can be used again as it is: the same setting and bundle, not the
 * Python extension's environment in an untrusted workspace, and for the bundled server
 * its files, its Python and its compiled modules still there. */
export function reusable(last: LastStart | undefined, now: { setting: string; bundle?: string; trusted: boolean },
  exists: (path: string) => boolean): LastStart | undefined {
  const p = last?.plan;
  if (!last || !p || last.setting !== now.setting || last.bundle !== now.bundle || (p.via === "python-extension" && !now.trusted)) {
    return undefined;
  }
  if (p.kind === "bundled" && !(exists(p.libs) && exists(p.probe.executable) && last.nativeDir && exists(last.nativeDir))) {
    return undefined; // a first start (or its compiled modules failed): find and set up again
  }
  return last;
}

/** Whether two plans run the same program the same way. */
export function samePlan(a: Plan, b: Plan): boolean {
  if (a.kind === "none" || b.kind === "none") {
    return a.kind === b.kind;
  }
  return a.kind === b.kind && a.command === b.command && JSON.stringify(a.args) === JSON.stringify(b.args) &&
    (a.kind !== "bundled" || (b.kind === "bundled" && a.libs === b.libs));
}
