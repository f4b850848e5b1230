// Which Python runs the server: the setting, else the Python extension's active
// environment, else python3.

export interface InterpreterSources {
  setting?: string;
  pythonExtension?: string[]; // the active environment's command, from ms-python.python
}

export function chooseInterpreter(src: InterpreterSources): { command: string; args: string[]; from: string } {
  const setting = (src.setting ?? "").trim();
  if (setting) {
    return { command: setting, args: [], from: "the provmark.interpreter setting" };
  }
  const ext = src.pythonExtension?.filter((x) => x.length > 0);
  if (ext && ext.length > 0) {
    return { command: ext[0], args: ext.slice(1), from: "the Python extension's active environment" };
  }
  return { command: "python3", args: [], from: "python3 on PATH" };
}

// `python -m provmark` would put the current folder (the workspace) first on sys.path:
// a workspace holding a json.py or a provmark/ folder would then run its own code inside
// the server. So the server starts from -c, which drops that entry before importing.
export const SERVER_BOOT =
  "import sys; sys.path[:] = [p for p in sys.path if p not in ('', '.')]; " +
  "from provmark.cli import main; sys.exit(main(['serve']))";

export function serverArgs(interpreterArgs: string[]): string[] {
  return [...interpreterArgs, "-c", SERVER_BOOT];
}
