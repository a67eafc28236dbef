import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuditLog } from '../auth/audit.repository.ts';
import type { StaffUser } from '../auth/roles.ts';
import type { Db } from '../db/db.ts';
import { createTestDb } from '../db/test-db.ts';
import { createLogger } from '../shared/logger.ts';
import { createOrgService, type OrgService } from './org.service.ts';

const SHARED_GEOJSON = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../shared/data/hanoi_units_2025.geojson');
const log = createLogger('silent');
const admin: StaffUser = { id: '00000000-0000-4000-8000-000000000001', username: 'admin', fullName: 'Quản trị', role: 'admin', wardCode: null };

describe('organisation service', () => {
  let db: Db;
  let org: OrgService;
  beforeAll(async () => {
    db = await createTestDb();
    org = createOrgService({ db, log, audit: createAuditLog(db), geojsonPath: undefined });
    await org.seed();
  });
  afterAll(async () => {
    await db.close();
  });

  it('seeds the tables: 126 wards, 526 former units, 795 pairs, 127 police units', async () => {
    const [row] = await db.query<Record<string, number>>(
      `select (select count(*) from wards)::int as wards, (select count(*) from former_units)::int as former,
              (select count(*) from ward_transfers)::int as pairs, (select count(*) from police_units)::int as police,
              (select count(*) from wards where type = 'phường')::int as phuong`,
    );
    expect(row).toEqual({ wards: 126, former: 526, pairs: 795, police: 127, phuong: 51 });
  });

  it('creates police units with official-style names and no invented contact data', async () => {
    const units = await org.listPoliceUnits();
    expect(units[0]).toMatchObject({ id: 'ca-hanoi', name: 'Công an thành phố Hà Nội', level: 'city', wardCode: null });
    const hk = await org.getPoliceUnit('00070');
    expect(hk).toMatchObject({ id: 'ca-00070', name: 'Công an phường Hoàn Kiếm', level: 'ward', address: null, phone: null, isDemo: false });
    expect((await org.getPoliceUnit('09784'))!.name).toBe('Công an xã Đan Phượng');
    expect(units.every((u) => u.address === null && u.phone === null)).toBe(true);
  });

  it('keeps admin-set address and phone when seeding again', async () => {
    const updated = await org.updatePoliceUnit(admin, 'ca-00082', { phone: '024 0000 0000', address: 'Địa chỉ do quản trị nhập' }, '127.0.0.1');
    expect(updated).toMatchObject({ phone: '024 0000 0000', address: 'Địa chỉ do quản trị nhập', updatedBy: 'admin' });
    await org.seed();
    await org.seed();
    expect(await org.getPoliceUnit('00082')).toMatchObject({ phone: '024 0000 0000', address: 'Địa chỉ do quản trị nhập' });
    const [{ n }] = (await db.query<{ n: number }>(`select count(*)::int as n from police_units`)) as [{ n: number }];
    expect(n).toBe(127);
  });

  it('changes only the fields sent, and audits which fields changed (not their values)', async () => {
    await org.updatePoliceUnit(admin, 'ca-00004', { phone: '069 000 0000' });
    const after = await org.updatePoliceUnit(admin, 'ca-00004', { note: 'Trực 24/7' });
    expect(after).toMatchObject({ phone: '069 000 0000', note: 'Trực 24/7' });
    const cleared = await org.updatePoliceUnit(admin, 'ca-00004', { phone: null });
    expect(cleared.phone).toBeNull();
    const rows = await db.query<{ target: string; details: { changed: string[] } }>(`select target, details from audit_log where action = 'police_unit.update' order by id`);
    expect(rows.map((r) => r.details.changed)).toEqual([['address', 'phone'], ['phone'], ['note'], ['phone']]);
    expect(JSON.stringify(rows)).not.toContain('069');
  });

  it('refuses an empty patch and an unknown police unit', async () => {
    await expect(org.updatePoliceUnit(admin, 'ca-00070', {})).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(org.updatePoliceUnit(admin, 'ca-99999', { note: 'x' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('lists the 126 wards and recognises only current codes', () => {
    const wards = org.listWards();
    expect(wards).toHaveLength(126);
    expect(wards[0]).toMatchObject({ code: '00070', name: 'Phường Hoàn Kiếm', type: 'phường', clause: 1 });
    expect(org.isWard('00070')).toBe(true);
    expect(org.isWard('00001')).toBe(false); // a former code (Phường Phúc Xá), not a current one
  });

  it('describes a ward with its police unit, clause text and merged former units', async () => {
    const w = (await org.getWard('00082'))!;
    expect(w.ward.name).toBe('Phường Cửa Nam');
    expect(w.policeUnit!.name).toBe('Công an phường Cửa Nam');
    expect(w.clause!.text).toMatch(/^2\. Sắp xếp/);
    const hangBong = w.formerUnits.find((f) => f.name === 'Phường Hàng Bông')!;
    expect(hangBong).toMatchObject({ relation: 'partial', wording: 'phan_con_lai', wordingText: 'phần còn lại', remainderAfterClauses: [1], district: 'Quận Hoàn Kiếm' });
    expect(hangBong.alsoTo.map((a) => a.name)).toContain('Phường Hoàn Kiếm');
    expect(await org.getWard('99999')).toBeNull();
  });

  it('resolves an address and attaches the police unit of each match', async () => {
    const r = await org.resolve('phường Hàng Bạc cũ, quận Hoàn Kiếm');
    expect(r.matches[0]).toMatchObject({ code: '00070', policeUnit: { id: 'ca-00070', name: 'Công an phường Hoàn Kiếm', phone: null } });
  });

  it('reports boundaries as unavailable without a GeoJSON file', async () => {
    expect(await org.wardBoundaries()).toBeNull();
    await expect(org.locate(21.03, 105.85)).rejects.toMatchObject({ code: 'BOUNDARIES_UNAVAILABLE' });
  });

  it('reports boundaries as unavailable when the file is missing or broken', async () => {
    const missing = createOrgService({ db, log, geojsonPath: '/nonexistent/wards.geojson' });
    expect(await missing.boundariesAvailable()).toBe(false);
    const broken = createOrgService({ db, log, geojsonPath: fileURLToPath(import.meta.url) });
    expect(await broken.wardBoundaries()).toBeNull();
  });

  it.skipIf(!existsSync(SHARED_GEOJSON))('locates a point in its ward with the shared boundaries', async () => {
    const geo = createOrgService({ db, log, geojsonPath: SHARED_GEOJSON });
    const hk = await geo.locate(21.032, 105.85);
    expect(hk.ward).toMatchObject({ code: '00070', name: 'Phường Hoàn Kiếm' });
    expect(hk.note).toMatch(/giản lược/);
    const far = await geo.locate(10.77, 106.7);
    expect(far).toMatchObject({ ward: null, candidates: [], nearest: null });
    const json = JSON.parse((await geo.wardBoundaries())!);
    expect(json.features).toHaveLength(126);
    expect(json.features[0].properties).toEqual({ code: expect.any(String), name: expect.any(String), type: expect.any(String) });
  });
});
