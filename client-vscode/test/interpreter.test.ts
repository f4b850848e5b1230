import { strict as assert } from "node:assert";
import { test } from "node:test";
import {
  Bundle, Candidate, findServer, LastStart, launch, nativeCheckCode, nativeInstallArgs, nativeKey, parseProbe, pathCommands, Probe,
  reusable, samePlan, versionAtLeast,
} from "../src/pure/interpreter";

const probe = (version: [number, number, number], provmark: string | null = null): Probe => ({
  version, executable: `/py${version.join("")}/bin/python`, cacheTag: `cpython-${version[0]}${version[1]}`, abiflags: "",
  platform: "linux-x86_64", libc: "glibc", pip: true, provmark,
});
const cand = (command: string[], from: string, p?: Probe): Candidate => (p ? { command, from, probe: p } : { command, from, error: "not found" });
const bundle: Bundle = { libs: "/ext/bundled/libs", provmark: "0.2.0", native: "rapidfuzz>=3.13,<4" };
const ext = (p?: Probe) => cand(["/proj/.venv/bin/python"], "the Python extension's active environment", p);
const py3 = (p?: Probe) => cand(["python3"], "python3 on PATH", p);
const py = (p?: Probe) => cand(["python"], "python on PATH", p);

test("the setting wins, taken as it is", () => {
  const plan = findServer({ setting: " /opt/py/bin/python ", pythonExtension: ext(probe([3, 12, 1], "0.2.0")), path: [], bundle, trusted: true });
  assert.deepEqual(plan, { kind: "command", command: "/opt/py/bin/python", args: [], from: "the provmark.interpreter setting", via: "setting" });
});

test("the Python extension's environment when it has provmark, at least the bundled version", () => {
  const plan = findServer({ pythonExtension: ext(probe([3, 12, 1], "0.2.1")), path: [py3(probe([3, 11, 2]))], bundle, trusted: true });
  assert.equal(plan.kind, "command");
  assert.equal(plan.kind === "command" && plan.command, "/proj/.venv/bin/python");
  // An older provmark there: the bundled server, with that environment's Python.
  const older = findServer({ pythonExtension: ext(probe([3, 12, 1], "0.1.9")), path: [py3(probe([3, 11, 2]))], bundle, trusted: true });
  assert.equal(older.kind, "bundled");
  assert.equal(older.kind === "bundled" && older.command, "/proj/.venv/bin/python");
  // conda run -n x python: the rest of the command line is kept.
  const conda = findServer({ pythonExtension: cand(["conda", "run", "-n", "x", "python"], "env", probe([3, 12, 0], "0.2.0")), path: [], bundle, trusted: true });
  assert.deepEqual(conda.kind === "command" && conda.args, ["run", "-n", "x", "python"]);
});

test("without provmark anywhere: the bundled server with the first Python 3.10+", () => {
  const plan = findServer({ pythonExtension: ext(probe([3, 9, 18])), path: [py3(), py(probe([3, 10, 0]))], bundle, trusted: true });
  assert.equal(plan.kind, "bundled");
  if (plan.kind === "bundled") {
    assert.equal(plan.command, "python");
    assert.equal(plan.libs, bundle.libs);
    assert.match(plan.from, /Python 3\.10\.0 \(python on PATH\) with the server bundled/);
  }
});

test("an untrusted workspace never runs the Python extension's environment", () => {
  const plan = findServer({ pythonExtension: ext(probe([3, 12, 1], "0.3.0")), path: [py3(probe([3, 11, 2]))], bundle, trusted: false });
  assert.equal(plan.kind, "bundled");
  assert.equal(plan.kind === "bundled" && plan.command, "python3");
});

test("no bundle: a Python on PATH that has provmark, else none with what was tried", () => {
  const plan = findServer({ pythonExtension: ext(probe([3, 12, 1])), path: [py3(probe([3, 11, 2])), py(probe([3, 10, 4], "0.0.1"))], trusted: true });
  assert.equal(plan.kind === "command" && plan.command, "python");
  const none = findServer({ pythonExtension: ext(probe([3, 9, 1])), path: [py3(), py(probe([3, 8, 10]))], bundle, trusted: true });
  assert.deepEqual(none, {
    kind: "none",
    tried: ["/proj/.venv/bin/python: Python 3.9.1, older than 3.10", "python3: not found", "python: Python 3.8.10, older than 3.10"],
  });
});

test("versions compare by their release numbers", () => {
  assert.ok(versionAtLeast("0.10.0", "0.9.3"));
  assert.ok(versionAtLeast("1.0", "1.0.0"));
  assert.ok(versionAtLeast("0.2.0rc1", "0.2.0"));
  assert.ok(!versionAtLeast("0.1.9", "0.2"));
});

test("probe output parsed, junk refused", () => {
  const p = parseProbe('warning: something\n{"version": [3, 11, 7], "executable": "/usr/bin/python3", "cacheTag": "cpython-311", "abiflags": "", ' +
    '"platform": "linux-x86_64", "libc": "glibc", "pip": true, "provmark": null}\n');
  assert.deepEqual(p, { version: [3, 11, 7], executable: "/usr/bin/python3", cacheTag: "cpython-311", abiflags: "", platform: "linux-x86_64",
    libc: "glibc", pip: true, provmark: null });
  assert.equal(parseProbe("Python was not found; run without arguments to install from the Microsoft Store"), undefined);
  assert.equal(parseProbe('{"version": "3.11"}'), undefined);
});

test("compiled modules are kept per ABI and platform", () => {
  assert.equal(nativeKey(probe([3, 11, 7])), "cpython-311-linux-x86_64-glibc");
  assert.equal(nativeKey({ ...probe([3, 12, 0]), libc: "" }), "cpython-312-linux-x86_64-other-libc");
  assert.equal(nativeKey({ ...probe([3, 13, 0]), platform: "macosx-11.0-arm64", libc: "" }), "cpython-313-macosx-11.0-arm64");
  assert.equal(nativeKey({ ...probe([3, 13, 1]), abiflags: "t" }), "cpython-313t-linux-x86_64-glibc");
});

test("launch: the bundled server isolated, its compiled modules first; an environment's as it is", () => {
  const plan = findServer({ path: [py3(probe([3, 11, 2]))], bundle, trusted: true });
  assert.equal(plan.kind, "bundled");
  if (plan.kind !== "bundled") {
    return;
  }
  const l = launch(plan, ["serve"], "/store/native/cpython-311");
  assert.equal(l.command, "python3");
  assert.deepEqual(l.args.slice(0, 2), ["-I", "-c"]);
  assert.match(l.args[2], /sys\.path\[:0\] = \["\/store\/native\/cpython-311","\/ext\/bundled\/libs"\]; from provmark\.cli import main; sys\.exit\(main\(\["serve"\]\)\)$/);
  const report = launch({ kind: "command", command: "py", args: ["-3"], from: "x", via: "path" }, ["report", "C:\\a \"b\"", "--stdout"]);
  assert.deepEqual(report.args.slice(0, 2), ["-3", "-c"]);
  assert.ok(report.args[2].endsWith(`sys.exit(main(["report","C:\\\\a \\"b\\"","--stdout"]))`));
  assert.ok(!report.args[2].includes("sys.path[:0]"));
});

test("PATH candidates and pip's command line", () => {
  assert.deepEqual(pathCommands("linux"), [["python3"], ["python"]]);
  assert.deepEqual(pathCommands("win32")[0], ["py", "-3"]);
  const args = nativeInstallArgs("/t", "rapidfuzz>=3.13,<4 zstandard>=0.22");
  assert.deepEqual(args.slice(0, 3), ["-m", "pip", "install"]);
  assert.ok(args.includes("--only-binary=:all:") && args.includes("--no-deps"));
  assert.deepEqual(args.slice(-4), ["--target", "/t", "rapidfuzz>=3.13,<4", "zstandard>=0.22"]);
  assert.ok(nativeCheckCode("/t", "rapidfuzz>=3.13,<4 zstandard>=0.22").includes("import zstandard"));
  assert.ok(!nativeCheckCode("/t", "rapidfuzz>=3.13,<4").includes("zstandard"));
});

test("the last start is used again only while it still fits", () => {
  const plan = findServer({ path: [py3(probe([3, 11, 2]))], bundle, trusted: true });
  assert.equal(plan.kind, "bundled");
  if (plan.kind !== "bundled") {
    return;
  }
  const last: LastStart = { plan, setting: "", bundle: "0.2.0", nativeDir: "/store/native/k" };
  const all = () => true;
  const now = { setting: "", bundle: "0.2.0", trusted: true };
  assert.equal(reusable(last, now, all), last);
  assert.equal(reusable(undefined, now, all), undefined);
  assert.equal(reusable(last, { ...now, bundle: "0.2.1" }, all), undefined, "the extension was updated");
  assert.equal(reusable(last, { ...now, setting: "/opt/py" }, all), undefined, "the setting changed");
  assert.equal(reusable(last, now, (p) => p !== "/store/native/k"), undefined, "its compiled modules are gone");
  assert.equal(reusable({ ...last, nativeDir: undefined }, now, all), undefined, "they were never fetched");
  assert.equal(reusable(last, now, (p) => p !== plan.probe.executable), undefined, "its Python is gone");
  const viaExt = findServer({ pythonExtension: ext(probe([3, 12, 1], "0.2.0")), path: [], bundle, trusted: true });
  assert.equal(viaExt.kind === "command" && viaExt.via, "python-extension");
  if (viaExt.kind === "command") {
    assert.equal(reusable({ plan: viaExt, setting: "", bundle: "0.2.0" }, { ...now, trusted: false }, all), undefined);
    assert.ok(samePlan(viaExt, { ...viaExt, from: "said otherwise" }));
    assert.ok(!samePlan(viaExt, plan));
    assert.ok(!samePlan(plan, { ...plan, libs: "/other/libs" }));
  }
});
