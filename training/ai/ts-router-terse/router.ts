import { IncomingMessage, ServerResponse } from "node:http";

export type Ctx = {
  req: IncomingMessage;
  res: ServerResponse;
  params: Record<string, string>;
  query: URLSearchParams;
  path: string;
  state: Record<string, unknown>;
  body?: unknown;
};
type H = (c: Ctx) => unknown | Promise<unknown>;
type MW = (c: Ctx, next: () => Promise<void>) => Promise<void> | void;

type Route = { m: string; re: RegExp; keys: string[]; h: H[] };

const compile = (p: string) => {
  const keys: string[] = [];
  const src = p
    .replace(/\/+$/, "")
    .replace(/[.+?^${}()|[\]\\]/g, "\\$&")
    .replace(/\/:(\w+)(\\\?)?/g, (_, k, opt) => {
      keys.push(k);
      return opt ? "(?:/([^/]+))?" : "/([^/]+)";
    })
    .replace(/\/\*$/, () => (keys.push("*"), "/(.*)"));
  return { re: new RegExp(`^${src}/?$`), keys };
};

export class HttpError extends Error {
  constructor(public status: number, msg: string) {
    super(msg);
  }
}

export class Router {
  private routes: Route[] = [];
  private mw: MW[] = [];

  use(f: MW) {
    this.mw.push(f);
    return this;
  }

  on(m: string, p: string, ...h: H[]) {
    this.routes.push({ m: m.toUpperCase(), ...compile(p), h });
    return this;
  }
  get = (p: string, ...h: H[]) => this.on("GET", p, ...h);
  post = (p: string, ...h: H[]) => this.on("POST", p, ...h);
  put = (p: string, ...h: H[]) => this.on("PUT", p, ...h);
  del = (p: string, ...h: H[]) => this.on("DELETE", p, ...h);

  private match(m: string, path: string) {
    let allowed: string[] = [];
    for (const r of this.routes) {
      const x = r.re.exec(path);
      if (!x) continue;
      if (r.m !== m && !(m === "HEAD" && r.m === "GET")) {
        allowed.push(r.m);
        continue;
      }
      const params: Record<string, string> = {};
      r.keys.forEach((k, i) => x[i + 1] !== undefined && (params[k] = decodeURIComponent(x[i + 1])));
      return { r, params };
    }
    return { allowed };
  }

  handle = async (req: IncomingMessage, res: ServerResponse) => {
    const u = new URL(req.url ?? "/", "http://x");
    const c: Ctx = { req, res, params: {}, query: u.searchParams, path: u.pathname, state: {} };
    try {
      let i = 0;
      const run = async (): Promise<void> => {
        const f = this.mw[i++];
        if (f) return void (await f(c, run));
        await this.dispatch(c);
      };
      await run();
    } catch (e) {
      const s = e instanceof HttpError ? e.status : 500;
      if (s >= 500) console.error(e);
      if (!res.headersSent) send(res, s, { error: s >= 500 ? "internal error" : (e as Error).message });
    }
  };

  private async dispatch(c: Ctx) {
    const m = this.match(c.req.method ?? "GET", c.path);
    if (!("r" in m) || !m.r) {
      if (m.allowed?.length) {
        c.res.setHeader("Allow", [...new Set(m.allowed)].join(", "));
        throw new HttpError(405, "method not allowed");
      }
      throw new HttpError(404, `no route for ${c.path}`);
    }
    c.params = m.params;
    let out: unknown;
    for (const h of m.r.h) {
      out = await h(c);
      if (c.res.writableEnded) return;
    }
    if (out === undefined) send(c.res, 204);
    else send(c.res, c.res.statusCode, out);
  }
}

export const send = (res: ServerResponse, s: number, b?: unknown) => {
  if (b === undefined) {
    res.writeHead(s).end();
    return;
  }
  const t = typeof b === "string" ? b : JSON.stringify(b);
  res.writeHead(s, {
    "content-type": typeof b === "string" ? "text/plain; charset=utf-8" : "application/json",
    "content-length": Buffer.byteLength(t),
  });
  res.end(t);
};

export const json = (max = 1 << 20): MW => async (c, next) => {
  if (!["POST", "PUT", "PATCH"].includes(c.req.method ?? "")) return next();
  const ct = c.req.headers["content-type"] ?? "";
  if (!ct.startsWith("application/json")) throw new HttpError(415, "expected json");
  const chunks: Buffer[] = [];
  let n = 0;
  for await (const ch of c.req) {
    n += ch.length;
    if (n > max) throw new HttpError(413, "body too large");
    chunks.push(ch);
  }
  try {
    c.body = JSON.parse(Buffer.concat(chunks).toString("utf8") || "null");
  } catch {
    throw new HttpError(400, "bad json");
  }
  await next();
};
