import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Platform } from '../app.ts';
import type { AuditLog } from '../auth/audit.repository.ts';
import type { AuthService } from '../auth/auth.service.ts';
import { startTestPlatform } from '../../test/support/platform.ts';
import { createLogger } from '../shared/logger.ts';
import { buildServer, securityHeaders } from './server.ts';

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

  it('asks browsers to upgrade requests to HTTPS only when served over HTTPS', async () => {
    const csp = (await p.app.inject({ method: 'GET', url: '/healthz' })).headers['content-security-policy'];
    expect(csp).not.toContain('upgrade-insecure-requests');
    const secure = await buildServer({ log: createLogger('silent'), auth: {} as AuthService, audit: {} as AuditLog, routes: [], isReady: () => true, https: true });
    try {
      expect((await secure.inject({ method: 'GET', url: '/healthz' })).headers['content-security-policy']).toContain('upgrade-insecure-requests');
    } finally {
      await secure.close();
    }
  });
});
