import { strict as assert } from "node:assert";
import { test } from "node:test";
import { reportCsp, secureReport } from "../src/pure/reportHtml";

test("the report gets our CSP in place of its own, and the nonce on its style and scripts", () => {
  const page = "<!DOCTYPE html><html><head><meta charset=\"utf-8\">\n" +
    "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src *\">\n" +
    "<style nonce=\"theirs\">b{}</style></head><body><p>&lt;script&gt;x&lt;/script&gt;</p>" +
    "<script type=\"application/json\" id=\"d\">{}</script><script>go()</script></body></html>";
  const out = secureReport(page, "abc123");
  assert.ok(!out.includes("default-src *"));
  assert.equal(out.match(/Content-Security-Policy/g)?.length, 1);
  assert.ok(out.indexOf("Content-Security-Policy") < out.indexOf("<style"), "the policy comes before anything loads");
  assert.ok(out.includes("<style nonce=\"abc123\">b{}</style>"));
  assert.ok(out.includes("<script type=\"application/json\" id=\"d\" nonce=\"abc123\">"));
  assert.ok(out.includes("<script nonce=\"abc123\">go()</script>"));
  assert.ok(!out.includes("theirs"));
  assert.ok(out.includes("<p>&lt;script&gt;x&lt;/script&gt;</p>"), "escaped text is left alone");
});

test("the policy allows nothing from outside", () => {
  const csp = reportCsp("n0");
  assert.match(csp, /^default-src 'none'; img-src data:; style-src 'nonce-n0'; script-src 'nonce-n0'/);
  assert.ok(!/https?:|\*|unsafe/.test(csp));
  assert.ok(secureReport("<p>no head</p>", "n0").startsWith("<meta http-equiv=\"Content-Security-Policy\""));
});
