import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Platform } from '../app.ts';
import { startTestPlatform } from '../../test/support/platform.ts';
import { securityHeaders } from './server.ts';

describe('security headers', () => {
  let p: Platform;
  beforeAll(async () => {
    p = await startTestPlatform();
  });
  afterAll(async () => {
    await p.close();
  });

  it('computes helmet’s headers once from the options', () => {
    const h = new Map(securityHeaders({ contentSecurityPolicy: { directives: { defaultSrc: ["'self'"] } }, crossOriginEmbedderPolicy: false }).set);
    expect(h.get('Content-Security-Policy')).toContain("default-src 'self'");
    expect(h.get('X-Frame-Options')).toBe('SAMEORIGIN');
    expect(h.has('Cross-Origin-Embedder-Policy')).toBe(false);
  });

  it('sends them on API answers, successful or not', async () => {
    for (const r of [await p.app.inject({ method: 'GET', url: '/healthz' }), await p.app.inject({ method: 'POST', url: '/api/v1/chat/messages', payload: { text: '' } })]) {
      expect(r.headers['content-security-policy']).toContain("frame-ancestors 'self'");
      expect(r.headers['x-content-type-options']).toBe('nosniff');
      expect(r.headers['strict-transport-security']).toBeDefined();
      expect(r.headers['cross-origin-resource-policy']).toBe('same-site');
      expect(r.headers['x-powered-by']).toBeUndefined();
    }
  });
});
