import { decodeCursor, encodeCursor, InvalidCursorError, type CursorPayload } from "../src/pagination";

describe("encodeCursor / decodeCursor", () => {
  const payloads: CursorPayload[] = [
    { k: "2024-01-01T00:00:00Z", id: "a1", d: "f" },
    { k: 42, id: "b2", d: "b" },
    { k: 0, id: "", d: "f" },
    { k: "ünïcødé ✓", id: "x/y+z", d: "b" },
  ];

  it.each(payloads)("round-trips %o", (p) => {
    expect(decodeCursor(encodeCursor(p))).toEqual(p);
  });

  it("produces URL-safe strings", () => {
    const cursor = encodeCursor({ k: "???>>>", id: "~~~", d: "f" });
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it("is opaque (does not leak raw JSON)", () => {
    const cursor = encodeCursor({ k: 1, id: "secret-id", d: "f" });
    expect(cursor).not.toContain("secret-id");
  });

  describe("invalid cursors", () => {
    const b64 = (s: string) => Buffer.from(s).toString("base64url");

    it.each([
      ["garbage", "%%%not-base64%%%"],
      ["non-JSON payload", b64("hello")],
      ["JSON null", b64("null")],
      ["JSON array", b64("[1,2]")],
      ["missing id", b64(JSON.stringify({ k: 1, d: "f" }))],
      ["missing direction", b64(JSON.stringify({ k: 1, id: "a" }))],
      ["object key", b64(JSON.stringify({ k: {}, id: "a", d: "f" }))],
      ["numeric id", b64(JSON.stringify({ k: 1, id: 5, d: "f" }))],
      ["unknown direction", b64(JSON.stringify({ k: 1, id: "a", d: "x" }))],
    ])("rejects %s", (_label, cursor) => {
      expect(() => decodeCursor(cursor)).toThrow(InvalidCursorError);
    });

    it("prefixes the message so callers can map it to a 400", () => {
      expect(() => decodeCursor(b64("null"))).toThrow(/^Invalid cursor: /);
    });
  });
});
