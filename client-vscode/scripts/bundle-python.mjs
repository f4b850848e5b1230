// Runs scripts/bundle_python.py with a Python that has pip: $PROVMARK_BUILD_PYTHON, else
// the repository's .venv, else python3 or python (py -3 on Windows).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const venv = path.join(here, "..", "..", ".venv", process.platform === "win32" ? "Scripts/python.exe" : "bin/python");
const candidates = process.env.PROVMARK_BUILD_PYTHON ? [[process.env.PROVMARK_BUILD_PYTHON]]
  : [...(fs.existsSync(venv) ? [[venv]] : []), ...(process.platform === "win32" ? [["py", "-3"], ["python"]] : [["python3"], ["python"]])];
for (const [cmd, ...args] of candidates) {
  if (spawnSync(cmd, [...args, "-m", "pip", "--version"], { stdio: "ignore" }).status !== 0) {
    continue;
  }
  const r = spawnSync(cmd, [...args, path.join(here, "bundle_python.py"), ...process.argv.slice(2)], { stdio: "inherit" });
  process.exit(r.status ?? 1);
}
console.error("bundle-python: no Python with pip found (set PROVMARK_BUILD_PYTHON)");
process.exit(1);
