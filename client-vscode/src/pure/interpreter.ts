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

export function serverArgs(interpreterArgs: string[]): string[] {
  return [...interpreterArgs, "-m", "provmark", "serve"];
}
