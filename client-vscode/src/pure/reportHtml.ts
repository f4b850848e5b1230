// The provenance report (`provmark report --stdout`) made safe for a webview: one strict
// Content-Security-Policy of ours in place of any the page brings (nothing from the
// network or from disk, no frames, no forms, no <base>; styles and scripts only by the nonce), and
// the nonce on the page's own inline <style> and <script> blocks (no vscode import).

export function reportCsp(nonce: string): string {
  return [
    "default-src 'none'", "img-src data:", `style-src 'nonce-${nonce}'`, `script-src 'nonce-${nonce}'`,
    "base-uri 'none'", "form-action 'none'",
  ].join("; ");
}

const CSP_META = /<meta\b[^>]*http-equiv\s*=\s*["']?content-security-policy["']?[^>]*>/gi;
const OPENING = /<(script|style)\b([^>]*)>/gi;
const NONCE_ATTR = /\snonce\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)/gi;

export function secureReport(html: string, nonce: string): string {
  const meta = `<meta http-equiv="Content-Security-Policy" content="${reportCsp(nonce)}">`;
  let out = html.replace(CSP_META, "");
  out = out.replace(OPENING, (_m, tag: string, attrs: string) =>
    `<${tag}${attrs.replace(NONCE_ATTR, "")} nonce="${nonce}">`);
  // Ours first in <head>, before anything that could load.
  const head = /<head\b[^>]*>/i.exec(out);
  if (head) {
    const at = head.index + head[0].length;
    return out.slice(0, at) + "\n" + meta + out.slice(at);
  }
  return meta + "\n" + out;
}
