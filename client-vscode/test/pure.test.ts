import { strict as assert } from "node:assert";
import { test } from "node:test";
import { chooseInterpreter, serverArgs } from "../src/pure/interpreter";
import { insertedRange, pastedRanges, pasteSource } from "../src/pure/pasteRanges";

test("inserted range of a multi-line paste", () => {
  const r = insertedRange({ range: { start: { line: 3, character: 2 }, end: { line: 3, character: 2 } }, text: "a\nbc\nd😀" });
  assert.deepEqual(r, { start: { line: 3, character: 2 }, end: { line: 5, character: 3 } });
});

test("multi-cursor paste ranges account for lines added above", () => {
  const at = (line: number) => ({ start: { line, character: 0 }, end: { line, character: 0 } });
  const rs = pastedRanges([{ range: at(10), text: "x\ny\n" }, { range: at(2), text: "x\ny\n" }]);
  assert.deepEqual(rs.map((r) => [r.start.line, r.end.line]), [[2, 4], [12, 14]]);
});

test("paste source", () => {
  assert.equal(pasteSource(undefined, "abc"), "external");
  assert.equal(pasteSource("a\r\nb", "a\nb"), "editor");
  assert.equal(pasteSource("other", "a\nb"), "external");
});

test("interpreter order", () => {
  assert.equal(chooseInterpreter({ setting: " /opt/py/bin/python ", pythonExtension: ["/x"] }).command, "/opt/py/bin/python");
  assert.deepEqual(chooseInterpreter({ pythonExtension: ["conda", "run", "-n", "x", "python"] }).args, ["run", "-n", "x", "python"]);
  assert.equal(chooseInterpreter({}).command, "python3");
  assert.deepEqual(serverArgs(["run"]), ["run", "-m", "provmark", "serve"]);
});
