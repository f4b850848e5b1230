import { createServer } from "node:http";
import { randomUUID } from "node:crypto";
import { Router, HttpError, json, Ctx } from "./router";

type Link = { id: string; url: string; slug: string; hits: number; created: number };

const links = new Map<string, Link>();
const bySlug = new Map<string, string>();

const slug = () => Math.random().toString(36).slice(2, 8);

const logger = async (c: Ctx, next: () => Promise<void>) => {
  const t = performance.now();
  await next();
  console.log(`${c.req.method} ${c.path} ${c.res.statusCode} ${(performance.now() - t).toFixed(1)}ms`);
};

const auth = (c: Ctx) => {
  const k = c.req.headers.authorization?.replace(/^Bearer /, "");
  if (!k || k !== process.env.API_KEY) throw new HttpError(401, "unauthorized");
};

const get = (id: string) => {
  const l = links.get(id);
  if (!l) throw new HttpError(404, "not found");
  return l;
};

const r = new Router()
  .use(logger)
  .use(json(64 * 1024));

r.get("/healthz", () => "ok");

r.get("/links", auth, (c) => {
  const lim = Math.min(Number(c.query.get("limit") ?? 20), 100);
  return [...links.values()].sort((a, b) => b.created - a.created).slice(0, lim);
});

r.post("/links", auth, (c) => {
  const b = c.body as { url?: string; slug?: string } | null;
  if (!b?.url) throw new HttpError(400, "url required");
  try {
    const u = new URL(b.url);
    if (!/^https?:$/.test(u.protocol)) throw 0;
  } catch {
    throw new HttpError(400, "bad url");
  }
  let s = b.slug ?? slug();
  if (!/^[\w-]{3,32}$/.test(s)) throw new HttpError(400, "bad slug");
  if (bySlug.has(s)) {
    if (b.slug) throw new HttpError(409, "slug taken");
    while (bySlug.has(s)) s = slug();
  }
  const l = { id: randomUUID(), url: b.url, slug: s, hits: 0, created: Date.now() };
  links.set(l.id, l);
  bySlug.set(s, l.id);
  c.res.statusCode = 201;
  return l;
});

r.get("/links/:id", auth, (c) => get(c.params.id));

r.del("/links/:id", auth, (c) => {
  const l = get(c.params.id);
  links.delete(l.id);
  bySlug.delete(l.slug);
});

r.get("/:slug", (c) => {
  const id = bySlug.get(c.params.slug);
  if (!id) throw new HttpError(404, "not found");
  const l = links.get(id)!;
  l.hits++;
  c.res.writeHead(302, { location: l.url }).end();
});

const port = Number(process.env.PORT ?? 8080);
createServer(r.handle).listen(port, () => console.log(`listening on :${port}`));
