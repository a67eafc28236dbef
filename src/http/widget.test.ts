import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthService } from '../auth/auth.service.ts';
import type { AuditLog } from '../auth/audit.repository.ts';
import { loadConfig } from '../config.ts';
import { createLogger } from '../shared/logger.ts';
import { buildServer } from './server.ts';

/** The embeddable widget: /widget.js served as a cacheable cross-origin script; only /chat-embed may be framed elsewhere. */

const dist = mkdtempSync(path.join(tmpdir(), 'binh-yen-widget-'));
writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>x</title>');
writeFileSync(path.join(dist, 'widget.js'), '(function(){window.__binhYenWidget=true})();');

const server = (widgetAllowedOrigins?: string[]) =>
  buildServer({
    log: createLogger('silent'),
    auth: {} as AuthService,
    audit: {} as AuditLog,
    routes: [],
    webDist: dist,
    isReady: () => true,
    ...(widgetAllowedOrigins ? { widgetAllowedOrigins } : {}),
  });

let app: Awaited<ReturnType<typeof server>>;
beforeAll(async () => {
  app = await server(['https://congan.hanoi.gov.vn', 'https://*.hanoi.gov.vn']);
});
afterAll(async () => {
  await app.close();
});

const frameAncestors = (csp: unknown) => /frame-ancestors ([^;]*)/.exec(String(csp))?.[1];

describe('chat widget', () => {
  it('serves /widget.js as JavaScript, cacheable, loadable from other sites, with an ETag', async () => {
    const res = await app.inject({ url: '/widget.js' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(res.headers['cache-control']).toMatch(/^public, max-age=\d+/);
    expect(res.headers['cross-origin-resource-policy']).toBe('cross-origin');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.body).toContain('__binhYenWidget');
    const again = await app.inject({ url: '/widget.js', headers: { 'if-none-match': String(res.headers.etag) } });
    expect(again.statusCode).toBe(304);
  });

  it('lets only the configured origins frame /chat-embed', async () => {
    const res = await app.inject({ url: '/chat-embed' });
    expect(res.statusCode).toBe(200);
    expect(frameAncestors(res.headers['content-security-policy'])).toBe('https://congan.hanoi.gov.vn https://*.hanoi.gov.vn');
    expect(res.headers['x-frame-options']).toBeUndefined();
    // The rest of the policy is unchanged (scripts self-only).
    expect(String(res.headers['content-security-policy'])).toContain("script-src 'self'");
  });

  it("keeps frame-ancestors 'self' and X-Frame-Options on every other page", async () => {
    for (const url of ['/', '/ward', '/tra-cuu', '/bao-tin', '/healthz']) {
      const res = await app.inject({ url });
      expect(frameAncestors(res.headers['content-security-policy']), url).toBe("'self'");
      expect(res.headers['x-frame-options'], url).toBe('SAMEORIGIN');
    }
  });

  it('defaults to any site when WIDGET_ALLOWED_ORIGINS is not set', async () => {
    const open = await server();
    try {
      expect(frameAncestors((await open.inject({ url: '/chat-embed' })).headers['content-security-policy'])).toBe('*');
    } finally {
      await open.close();
    }
  });
});

describe('WIDGET_ALLOWED_ORIGINS', () => {
  it('reads a comma list of origins, * by default', () => {
    expect(loadConfig({}).widgetAllowedOrigins).toEqual(['*']);
    expect(loadConfig({ WIDGET_ALLOWED_ORIGINS: ' https://a.gov.vn , https://*.hanoi.gov.vn,http://localhost:3000 ' }).widgetAllowedOrigins).toEqual([
      'https://a.gov.vn',
      'https://*.hanoi.gov.vn',
      'http://localhost:3000',
    ]);
  });

  it('refuses values that would break or widen the policy', () => {
    for (const bad of ["https://a.gov.vn; script-src 'unsafe-inline'", 'a.gov.vn', 'https://a.gov.vn/path', "'self' 'unsafe-inline'", ',']) {
      expect(() => loadConfig({ WIDGET_ALLOWED_ORIGINS: bad }), bad).toThrow(/WIDGET_ALLOWED_ORIGINS/);
    }
  });
});
