import { randomUUID } from 'node:crypto';

/**
 * Domain events crossing capabilities (incident created/updated, alarm received, conversation handed off...).
 * Types are dotted names: `incident.created`, `alarm.received`, `handoff.requested`.
 * Patterns follow NATS: `*` matches one token, `>` matches the rest (`incident.>`).
 */
export interface BusEvent<T = unknown> {
  id: string;
  type: string;
  /** ISO time of publication. */
  at: string;
  /** The ward the event concerns, for scoping live updates; null = city level. */
  wardCode: string | null;
  payload: T;
}

export type BusHandler = (event: BusEvent) => void | Promise<void>;

export interface SubscribeOptions {
  /**
   * Subscribers sharing a queue name share the work: each event goes to one of them (across processes
   * with NATS). Without a queue every subscriber receives every event published after it subscribed.
   */
  queue?: string;
}

export interface Subscription {
  unsubscribe(): Promise<void>;
}

export interface EventBus {
  readonly kind: 'memory' | 'nats';
  publish<T>(type: string, payload: T, meta?: { wardCode?: string | null; id?: string }): Promise<BusEvent<T>>;
  subscribe(pattern: string, handler: BusHandler, opts?: SubscribeOptions): Promise<Subscription>;
  close(): Promise<void>;
}

export const TYPE_RE = /^[a-z][a-z0-9_-]*(\.[a-z][a-z0-9_-]*)*$/;

export function makeEvent<T>(type: string, payload: T, meta: { wardCode?: string | null; id?: string } = {}): BusEvent<T> {
  if (!TYPE_RE.test(type)) throw new Error(`invalid event type: ${type}`);
  return { id: meta.id ?? randomUUID(), type, at: new Date().toISOString(), wardCode: meta.wardCode ?? null, payload };
}

/** NATS-style subject matching on dotted event types. */
export function matches(pattern: string, type: string): boolean {
  const p = pattern.split('.');
  const t = type.split('.');
  for (let i = 0; i < p.length; i++) {
    if (p[i] === '>') return t.length > i;
    if (i >= t.length) return false;
    if (p[i] !== '*' && p[i] !== t[i]) return false;
  }
  return p.length === t.length;
}
