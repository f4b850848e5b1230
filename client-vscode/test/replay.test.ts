import { strict as assert } from "node:assert";
import { test } from "node:test";
import { MAX_EVENTS, Recorder } from "../src/pure/replay";

const at = (line: number) => ({ start: { line, character: 0 }, end: { line, character: 0 } });
const doc = (uri: string, version = 1, text = "a\n") => ({ uri, languageId: "python", version, text });

test("edits made before the server runs are replayed from the text they started from, hints after their change", () => {
  const r = new Recorder();
  r.start([doc("file:///a.py")]);
  r.changed("file:///a.py", 2, [{ range: at(1), text: "x\ny\n" }]);
  r.pasted("file:///a.py", 2, { start: { line: 1, character: 0 }, end: { line: 3, character: 0 } }, "external");
  r.changed("file:///a.py", 3, [{ range: at(3), text: "z" }]);
  const replay = r.take("file:///a.py", 3);
  assert.deepEqual(replay?.open, doc("file:///a.py"));
  assert.deepEqual(replay?.events.map((e) => `${e.kind}@${e.version}`), ["change@2", "paste@2", "change@3"]);
  assert.equal(r.take("file:///a.py", 3), undefined, "taken once");
  assert.ok(!r.has("file:///a.py"));
});

test("nothing to replay: no changes, a change not seen, or not recording", () => {
  const r = new Recorder();
  r.start([doc("file:///a.py"), doc("file:///b.py")]);
  assert.equal(r.take("file:///a.py", 1), undefined);
  r.changed("file:///b.py", 2, [{ range: at(0), text: "q" }]);
  assert.equal(r.take("file:///b.py", 4), undefined, "the client opens it at a version not recorded");
  r.stop();
  r.opened(doc("file:///c.py"));
  r.changed("file:///c.py", 2, [{ range: at(0), text: "q" }]);
  assert.equal(r.take("file:///c.py", 2), undefined);
});

test("a document opened while recording starts from its text then; closed, it is forgotten", () => {
  const r = new Recorder();
  r.start([]);
  r.opened(doc("file:///n.py", 5, "old\n"));
  r.changed("file:///n.py", 6, [{ range: at(0), text: "new " }]);
  assert.equal(r.take("file:///n.py", 6)?.open.text, "old\n");
  r.opened(doc("file:///m.py"));
  r.changed("file:///m.py", 2, [{ range: at(0), text: "q" }]);
  r.closed("file:///m.py");
  assert.equal(r.take("file:///m.py", 2), undefined);
});

test("too many edits: the document is opened as it is", () => {
  const r = new Recorder();
  r.start([doc("file:///a.py")]);
  for (let v = 2; v < MAX_EVENTS + 3; v++) {
    r.changed("file:///a.py", v, [{ range: at(0), text: "k" }]);
  }
  assert.equal(r.take("file:///a.py", MAX_EVENTS + 2), undefined);
});
