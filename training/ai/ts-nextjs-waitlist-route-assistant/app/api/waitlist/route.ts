/**
 * POST /api/waitlist — add an email address to the product waitlist.
 *
 * Responses:
 * - 201 `{ status: "joined", position }`       new signup
 * - 200 `{ status: "already_joined", position }` idempotent repeat of the same email
 * - 400 `{ error, fields? }`                     malformed JSON or invalid fields
 * - 415 `{ error }`                              wrong Content-Type
 * - 429 `{ error }`                              too many requests from this client
 * - 500 `{ error }`                              unexpected failure (details are logged, not returned)
 *
 * The handler runs on the Node.js runtime because the data layer below uses a
 * pooled database client; switch to `edge` only if your data layer supports it.
 */

import { NextResponse, type NextRequest } from "next/server";
import { db } from "@/lib/db";
import { createMemoryRateLimiter } from "@/lib/rate-limit";
import { validateWaitlistInput } from "@/lib/validation";

export const runtime = "nodejs";
// Never cache this route: every POST must reach the handler.
export const dynamic = "force-dynamic";

// 5 signups per IP per 10 minutes is generous for humans and tight for scripts.
const limiter = createMemoryRateLimiter({ limit: 5, windowMs: 10 * 60 * 1000 });

/** Cap on request body size; a signup payload is a few hundred bytes at most. */
const MAX_BODY_BYTES = 4 * 1024;

/**
 * Best-effort client IP for rate limiting. Behind a proxy (Vercel, Cloudflare,
 * nginx) the first entry of `x-forwarded-for` is the original client.
 */
function clientIp(request: NextRequest): string {
  const forwarded = request.headers.get("x-forwarded-for");
  if (forwarded) return forwarded.split(",")[0]!.trim();
  return request.headers.get("x-real-ip") ?? "unknown";
}

function jsonError(status: number, error: string, extra: Record<string, unknown> = {}, headers?: HeadersInit) {
  return NextResponse.json({ error, ...extra }, { status, headers });
}

export async function POST(request: NextRequest) {
  // 1. Rate limit before doing any real work.
  const ip = clientIp(request);
  const rate = await limiter.check(`waitlist:${ip}`);
  const rateHeaders = {
    "X-RateLimit-Remaining": String(rate.remaining),
    "X-RateLimit-Reset": String(Math.ceil(rate.resetAt / 1000)),
  };
  if (!rate.allowed) {
    const retryAfter = Math.max(1, Math.ceil((rate.resetAt - Date.now()) / 1000));
    return jsonError(429, "Too many requests. Please try again later.", {}, {
      ...rateHeaders,
      "Retry-After": String(retryAfter),
    });
  }

  // 2. Check the content type so form posts or empty bodies get a clear error.
  const contentType = request.headers.get("content-type") ?? "";
  if (!contentType.toLowerCase().includes("application/json")) {
    return jsonError(415, "Content-Type must be application/json.", {}, rateHeaders);
  }

  // 3. Read and parse the body defensively.
  const text = await request.text();
  if (new TextEncoder().encode(text).byteLength > MAX_BODY_BYTES) {
    return jsonError(413, "Request body is too large.", {}, rateHeaders);
  }

  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return jsonError(400, "Request body is not valid JSON.", {}, rateHeaders);
  }

  // 4. Validate the fields.
  const result = validateWaitlistInput(body);
  if (!result.ok) {
    return jsonError(400, "Some fields are invalid.", { fields: result.errors }, rateHeaders);
  }
  const { email, name, referralCode, website } = result.data;

  // 5. Honeypot: pretend success so bots do not learn they were detected.
  if (website) {
    return NextResponse.json({ status: "joined", position: null }, { status: 201, headers: rateHeaders });
  }

  // 6. Persist. The unique index on email makes this safe under concurrency:
  //    two simultaneous requests for the same address cannot both insert.
  try {
    const existing = await db.waitlist.findByEmail(email);
    if (existing) {
      return NextResponse.json(
        { status: "already_joined", position: existing.position },
        { status: 200, headers: rateHeaders },
      );
    }

    const entry = await db.waitlist.insert({
      email,
      name: name ?? null,
      referralCode: referralCode ?? null,
      ip,
      userAgent: request.headers.get("user-agent")?.slice(0, 256) ?? null,
    });

    return NextResponse.json({ status: "joined", position: entry.position }, { status: 201, headers: rateHeaders });
  } catch (error) {
    // A unique-constraint violation means another request inserted the same
    // email between our read and our write; treat it as "already joined".
    if (isUniqueViolation(error)) {
      const existing = await db.waitlist.findByEmail(email);
      return NextResponse.json(
        { status: "already_joined", position: existing?.position ?? null },
        { status: 200, headers: rateHeaders },
      );
    }

    console.error("[waitlist] failed to save signup", { error });
    return jsonError(500, "Something went wrong. Please try again.", {}, rateHeaders);
  }
}

/** Postgres reports unique violations with SQLSTATE 23505. */
function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && "code" in error && (error as { code: unknown }).code === "23505";
}

/** Reject other methods explicitly with an Allow header (Next.js would 405 anyway, without it). */
export function GET() {
  return jsonError(405, "Method not allowed.", {}, { Allow: "POST" });
}
