import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, login, startTestPlatform, type Session } from '../../test/support/platform.ts';
import type { Platform } from '../app.ts';

const SHARED_GEOJSON = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../shared/data/hanoi_units_2025.geojson');

describe('organisation HTTP API', () => {
  let p: Platform;
  let admin: Session;
  beforeAll(async () => {
    p = await startTestPlatform({ ADMIN_GEOJSON: '/nonexistent/hanoi.geojson' });
    admin = await login(p, 'admin', ADMIN_PASSWORD);
  });
  afterAll(async () => {
    await p.close();
  });

  it('GET /wards lists the 126 current units', async () => {
    const res = await p.app.inject({ url: '/api/v1/wards' });
    expect(res.statusCode).toBe(200);
    const wards = res.json() as { code: string; name: string; type: string }[];
    expect(wards).toHaveLength(126);
    expect(wards.filter((w) => w.type === 'phường')).toHaveLength(51);
    expect(wards[0]).toMatchObject({ code: '00070', name: 'Phường Hoàn Kiếm', type: 'phường' });
  });

  it('GET /wards/resolve answers the contract shape, old names via the former unit', async () => {
    const res = await p.app.inject({ url: `/api/v1/wards/resolve?q=${encodeURIComponent('Phường Hàng Bạc, Quận Hoàn Kiếm')}` });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.matches[0]).toMatchObject({
      code: '00070',
      name: 'Phường Hoàn Kiếm',
      confidence: expect.any(Number),
      via: { oldName: 'Phường Hàng Bạc', oldDistrict: 'Quận Hoàn Kiếm' },
      policeUnit: { name: 'Công an phường Hoàn Kiếm' },
    });
    const plain = await p.app.inject({ url: '/api/v1/wards/resolve?q=hang%20bac' });
    expect(plain.json().matches[0].code).toBe('00070');
  });

  it('GET /wards/resolve refuses a missing, too short or too long q with a Vietnamese message', async () => {
    for (const url of ['/api/v1/wards/resolve', '/api/v1/wards/resolve?q=', '/api/v1/wards/resolve?q=a', '/api/v1/wards/resolve?q=%20%20']) {
      const res = await p.app.inject({ url });
      expect(res.statusCode, url).toBe(400);
      expect(res.json().error).toMatchObject({ code: 'QUERY_TOO_SHORT', message: expect.stringMatching(/Vui lòng nhập/) });
    }
    const long = await p.app.inject({ url: `/api/v1/wards/resolve?q=${'a'.repeat(301)}` });
    expect(long.statusCode).toBe(400);
    expect(long.json().error.code).toBe('QUERY_TOO_LONG');
  });

  it('GET /wards/:code returns the unit, its police unit and former units; unknown codes are 404', async () => {
    const res = await p.app.inject({ url: '/api/v1/wards/00004' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.ward).toMatchObject({ code: '00004', name: 'Phường Ba Đình' });
    expect(body.policeUnit).toMatchObject({ id: 'ca-00004', address: null, phone: null });
    expect(body.formerUnits.map((f: { name: string }) => f.name)).toContain('Phường Trúc Bạch');
    expect((await p.app.inject({ url: '/api/v1/wards/99999' })).json().error.code).toBe('WARD_NOT_FOUND');
    expect((await p.app.inject({ url: '/api/v1/wards/abc' })).statusCode).toBe(400);
  });

  it('GET /wards/boundaries and /wards/locate say clearly that ADMIN_GEOJSON is missing', async () => {
    const b = await p.app.inject({ url: '/api/v1/wards/boundaries' });
    expect(b.statusCode).toBe(404);
    expect(b.json().error).toMatchObject({ code: 'BOUNDARIES_UNAVAILABLE', message: expect.stringContaining('ranh giới') });
    const l = await p.app.inject({ url: '/api/v1/wards/locate?lat=21.03&lon=105.85' });
    expect(l.statusCode).toBe(404);
    expect((await p.app.inject({ url: '/api/v1/wards/locate?lat=abc&lon=105.85' })).statusCode).toBe(400);
  });

  it('GET /police-units lists the city police and one unit per ward', async () => {
    const res = await p.app.inject({ url: '/api/v1/police-units' });
    expect(res.statusCode).toBe(200);
    expect(res.json().policeUnits).toHaveLength(127);
  });

  it('PATCH /police-units/:id is for admins only, validates input and is audited', async () => {
    const url = '/api/v1/police-units/ca-00070';
    expect((await p.app.inject({ method: 'PATCH', url, payload: { phone: '024 1234 5678' } })).statusCode).toBe(401);
    const ok = await admin.request({ method: 'PATCH', url, payload: { phone: '024 1234 5678', address: 'Địa chỉ thử nghiệm' } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().policeUnit).toMatchObject({ phone: '024 1234 5678', address: 'Địa chỉ thử nghiệm', updatedBy: 'admin' });
    expect((await admin.request({ method: 'PATCH', url, payload: { phone: 'gọi tôi' } })).statusCode).toBe(400);
    expect((await admin.request({ method: 'PATCH', url, payload: { fax: '1' } })).json().error.code).toBe('UNKNOWN_FIELD');
    expect((await admin.request({ method: 'PATCH', url: '/api/v1/police-units/x', payload: { note: 'a' } })).statusCode).toBe(400);
    const audit = await admin.request({ url: '/api/v1/audit?action=police_unit' });
    expect(audit.json().entries[0]).toMatchObject({ action: 'police_unit.update', target: 'ca-00070', details: { changed: ['address', 'phone'] } });

    await admin.request({ method: 'POST', url: '/api/v1/users', payload: { username: 'disp.one', fullName: 'Điều phối', password: 'mat-khau-dai-9', role: 'dispatcher' } });
    const disp = await login(p, 'disp.one', 'mat-khau-dai-9');
    expect((await disp.request({ method: 'PATCH', url, payload: { note: 'x' } })).statusCode).toBe(403);
  });

  it('wires the ward check into staff accounts: a ward officer needs a current ward code', async () => {
    const base = { fullName: 'Cán bộ phường', password: 'mat-khau-dai-7', role: 'ward_officer' };
    const good = await admin.request({ method: 'POST', url: '/api/v1/users', payload: { ...base, username: 'hk.officer', wardCode: '00070' } });
    expect(good.statusCode).toBe(201);
    const formerCode = await admin.request({ method: 'POST', url: '/api/v1/users', payload: { ...base, username: 'px.officer', wardCode: '00001' } });
    expect(formerCode.json().error.code).toBe('WARD_NOT_FOUND');
  });
});

describe.skipIf(!existsSync(SHARED_GEOJSON))('organisation HTTP API with the shared boundaries', () => {
  let p: Platform;
  beforeAll(async () => {
    p = await startTestPlatform({ ADMIN_GEOJSON: SHARED_GEOJSON });
  });
  afterAll(async () => {
    await p.close();
  });

  it('GET /wards/locate finds the ward containing a point', async () => {
    const res = await p.app.inject({ url: '/api/v1/wards/locate?lat=21.032&lon=105.85' });
    expect(res.statusCode).toBe(200);
    expect(res.json().ward).toMatchObject({ code: '00070', name: 'Phường Hoàn Kiếm' });
  });

  it('GET /wards/boundaries serves GeoJSON with 126 features', async () => {
    const res = await p.app.inject({ url: '/api/v1/wards/boundaries' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/application\/geo\+json/);
    expect(res.json().features).toHaveLength(126);
  });
});
