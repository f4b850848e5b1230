import { strict as assert } from "node:assert";
import { test } from "node:test";
import {
  fileLabel, formatAge, parseListing, recordLabel, recordTooltip, resolveArgument, selectionOf, statusText,
} from "../src/pure/unreviewed";

const NOW = new Date("2026-11-30T12:00:00Z");
const ANSWER = {
  files: [
    { path: "src/b.py", uri: "file:///ws/src/b.py", open: false, records: [
      { id: "r_2", lines: null, recorded: [5, 9], score: null, tool: null, signals: [], created: "2026-11-27T11:00:00Z" },
    ] },
    { path: "a.py", uri: "file:///ws/a.py", open: true, records: [
      { id: "r_1", lines: [31, 43], recorded: [30, 42], score: 0.9312, tool: "claude-code",
        signals: ["transcript-match", "style"], created: "2026-11-30T10:00:00Z", age_seconds: 7200 },
      { id: 5, recorded: [1, 2] },
      { id: "r_3", lines: [7, 7], recorded: "x" },
    ] },
    { path: "empty.py", uri: "file:///ws/empty.py", records: [] },
    { uri: "file:///ws/nameless.py", records: [{ id: "r_4", recorded: [1, 1] }] },
  ],
  total: 99,
  problems: ["bad.py.json: invalid JSON", 3],
};

test("the listing is read as untrusted, files sorted, counted again", () => {
  const l = parseListing(ANSWER);
  assert.deepEqual(l.files.map((f) => [f.path, f.records.map((r) => r.id)]), [["a.py", ["r_1"]], ["src/b.py", ["r_2"]]]);
  assert.equal(l.total, 2);
  assert.deepEqual(l.problems, ["bad.py.json: invalid JSON"]);
  assert.equal(l.files[0].open, true);
  assert.deepEqual(parseListing(null), { files: [], total: 0, problems: [] });
  assert.deepEqual(parseListing({ files: "no" }).files, []);
});

test("ages", () => {
  assert.equal(formatAge("2026-11-30T11:59:30Z", NOW), "just now");
  assert.equal(formatAge("2026-11-30T11:55:00Z", NOW), "5 min ago");
  assert.equal(formatAge("2026-11-30T10:00:00Z", NOW), "2 h ago");
  assert.equal(formatAge("2026-11-27T11:00:00Z", NOW), "3 d ago");
  assert.equal(formatAge("2026-12-01T00:00:00Z", NOW), "just now"); // a clock ahead
  assert.equal(formatAge(null, NOW), "");
  assert.equal(formatAge("yesterday", NOW), "");
});

test("record and file labels", () => {
  const [a, b] = parseListing(ANSWER).files;
  assert.equal(recordLabel(a.records[0], NOW), "lines 31–43 · 0.93 · claude-code · 2 h ago");
  assert.equal(recordLabel(b.records[0], NOW), "lines 5–9 (not found now) · unknown tool · 3 d ago");
  assert.equal(recordLabel({ ...a.records[0], lines: [4, 4], created: null }, NOW), "line 4 · 0.93 · claude-code");
  assert.match(recordTooltip(a.records[0]), /Signals: transcript-match, style\.$/);
  assert.match(recordTooltip(b.records[0]), /Signals: none recorded\.$/);
  assert.deepEqual(fileLabel(a), { label: "a.py", description: "1 unreviewed" });
  assert.deepEqual(fileLabel(b), { label: "b.py", description: "src · 1 unreviewed" });
});

test("selection, status text and the resolve argument", () => {
  const [a, b] = parseListing(ANSWER).files;
  assert.deepEqual(selectionOf(a.records[0]), { start: 30, end: 42 });
  assert.deepEqual(selectionOf(b.records[0]), { start: 4, end: 8 });
  assert.equal(statusText(0), undefined);
  assert.equal(statusText(3), "$(eye) 3 unreviewed");
  const [ua, ub] = ["file:///ws/a.py", "file:///other/a.py"]; // one path in two workspace folders
  assert.deepEqual(resolveArgument("human", [
    { uri: ua, id: "r_1" }, { uri: ub, id: "r_2" }, { uri: ua, id: "r_9" }, { uri: ua, id: "r_1" },
  ]), { as: "human", files: [{ uri: ua, ids: ["r_1", "r_9"] }, { uri: ub, ids: ["r_2"] }] });
});
