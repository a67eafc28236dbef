import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuditLog } from '../auth/audit.repository.ts';
import type { StaffUser } from '../auth/roles.ts';
import type { Db } from '../db/db.ts';
import { createTestDb } from '../db/test-db.ts';
import { createMemoryBus } from '../shared/bus.memory.ts';
import { createLogger } from '../shared/logger.ts';
import { createAccountService, type WardLookup } from './alarm-account.service.ts';

const ADMIN: StaffUser = { id: '00000000-0000-4000-8000-000000000001', username: 'admin', fullName: 'Quản trị', role: 'admin', wardCode: null };

/** Boundaries: a point north of 21.03 lies in 00004; addresses mentioning "Hoàn Kiếm" match 00070 with 0.95, "Mai" with 0.5. */
const org: WardLookup = {
  isWard: (c) => ['00004', '00070'].includes(c),
  locate: async (lat) => ({ ward: lat > 21.03 ? { code: '00004' } : null, nearest: null }),
  resolve: async (q) => ({ matches: q.includes('Hoàn Kiếm') ? [{ code: '00070', confidence: 0.95 }] : q.includes('Mai') ? [{ code: '00070', confidence: 0.5 }] : [] }),
  listWards: () => [{ code: '00004', name: 'Phường Ba Đình' }, { code: '00070', name: 'Phường Hoàn Kiếm' }],
};

describe('alarm account ward resolution', () => {
  let db: Db;
  let svc: ReturnType<typeof createAccountService>;
  const invalidated: Array<string | undefined> = [];
  beforeAll(async () => {
    db = await createTestDb();
    const log = createLogger('silent');
    svc = createAccountService({ db, bus: createMemoryBus(log), log, audit: createAuditLog(db), org, directory: { invalidate: (a) => invalidated.push(a) } });
  });
  afterAll(async () => {
    await db.close();
  });

  it('prefers the given code, then the point, then a confident address', async () => {
    const code = await svc.create(ADMIN, { account: 'C01', premise: { name: 'a', address: 'phường Hoàn Kiếm', wardCode: '00004', lat: 21.0, lon: 105.8 } });
    expect(code.premise).toMatchObject({ wardCode: '00004', wardSource: 'code', wardName: 'Phường Ba Đình' });
    const point = await svc.create(ADMIN, { account: 'C02', premise: { name: 'a', address: 'phường Hoàn Kiếm', lat: 21.04, lon: 105.84 } });
    expect(point.premise).toMatchObject({ wardCode: '00004', wardSource: 'point' });
    const address = await svc.create(ADMIN, { account: 'C03', premise: { name: 'a', address: 'phường Hoàn Kiếm', lat: 21.0, lon: 105.8 } });
    expect(address.premise).toMatchObject({ wardCode: '00070', wardSource: 'address' });
    const vague = await svc.create(ADMIN, { account: 'C04', premise: { name: 'a', address: 'Mai' } });
    expect(vague.premise).toMatchObject({ wardCode: null, wardUnresolved: true, wardNote: 'chưa xác định xã/phường' });
    expect(invalidated).toEqual(['C01', 'C02', 'C03', 'C04']);
  });

  it('places a moved premise again unless its ward was set by hand', async () => {
    const moved = await svc.update(ADMIN, 'C02', { premise: { lat: 21.0, lon: 105.8, address: 'phường Hoàn Kiếm' } });
    expect(moved.premise).toMatchObject({ wardCode: '00070', wardSource: 'address' });
    const kept = await svc.update(ADMIN, 'C01', { premise: { address: 'phố Mai' } });
    expect(kept.premise).toMatchObject({ wardCode: '00004', wardSource: 'code' });
    const cleared = await svc.update(ADMIN, 'C01', { premise: { wardCode: null } });
    expect(cleared.premise).toMatchObject({ wardCode: null, wardSource: null });
  });
});
