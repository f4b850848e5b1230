import crypto from 'node:crypto';
import type { Request, Response, Router } from 'express';
import express from 'express';

import { logger } from '../lib/logger';
import { jobs } from '../queue';
import { db } from '../db';

const SIGNATURE_HEADER = 'x-signature-256';
const TIMESTAMP_HEADER = 'x-signature-timestamp';
const MAX_SKEW_SECONDS = 300;

interface WebhookEvent {
  id: string;
  type: string;
  created: number;
  data: Record<string, unknown>;
}

const HANDLED_TYPES = new Set([
  'payment.succeeded',
  'payment.failed',
  'subscription.cancelled',
  'subscription.renewed',
]);

function verifySignature(raw: Buffer, timestamp: string, signature: string, secret: string): boolean {
  const expected = crypto
    .createHmac('sha256', secret)
    .update(`${timestamp}.`)
    .update(raw)
    .digest('hex');
  const given = signature.replace(/^sha256=/, '');
  if (given.length !== expected.length) return false;
  return crypto.timingSafeEqual(Buffer.from(given, 'hex'), Buffer.from(expected, 'hex'));
}

export function webhookRouter(secret: string): Router {
  const router = express.Router();

  // Raw body is required for signature verification, so this route must not
  // go through express.json().
  router.post('/webhooks/billing', express.raw({ type: 'application/json', limit: '1mb' }), async (req: Request, res: Response) => {
    const signature = req.header(SIGNATURE_HEADER);
    const timestamp = req.header(TIMESTAMP_HEADER);

    if (!signature || !timestamp) {
      return res.status(400).json({ error: 'missing signature headers' });
    }

    const ts = Number(timestamp);
    if (!Number.isInteger(ts) || Math.abs(Date.now() / 1000 - ts) > MAX_SKEW_SECONDS) {
      return res.status(400).json({ error: 'stale or invalid timestamp' });
    }

    if (!Buffer.isBuffer(req.body) || !verifySignature(req.body, timestamp, signature, secret)) {
      logger.warn({ ip: req.ip }, 'webhook signature mismatch');
      return res.status(401).json({ error: 'invalid signature' });
    }

    let event: WebhookEvent;
    try {
      event = JSON.parse(req.body.toString('utf8'));
    } catch {
      return res.status(400).json({ error: 'invalid JSON' });
    }

    if (!event.id || !event.type) {
      return res.status(400).json({ error: 'malformed event' });
    }

    if (!HANDLED_TYPES.has(event.type)) {
      // Acknowledge so the sender stops retrying, but do nothing.
      logger.debug({ type: event.type }, 'ignoring webhook type');
      return res.status(204).end();
    }

    try {
      // Deliveries are at-least-once: record the id first and skip duplicates.
      const inserted = await db.webhookEvents.insertIfAbsent({
        id: event.id,
        type: event.type,
        receivedAt: new Date(),
      });
      if (!inserted) {
        logger.info({ id: event.id }, 'duplicate webhook delivery');
        return res.status(200).json({ duplicate: true });
      }

      await jobs.enqueue('billing-event', event, { jobId: event.id, attempts: 5 });
    } catch (err) {
      logger.error({ err, id: event.id }, 'failed to enqueue webhook');
      // 500 makes the sender retry later
      return res.status(500).json({ error: 'internal error' });
    }

    return res.status(202).json({ received: true });
  });

  return router;
}
