import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/db.ts';
import { createTestDb } from '../db/test-db.ts';
import { AlarmAccountRepository } from './alarm-account.repository.ts';
import { AlarmEventRepository } from './alarm-event.repository.ts';
import { describeAlarmStore } from './receiver/store.conformance.ts';
import { makeFrame } from './receiver/test-frames.ts';

describeAlarmStore('AlarmEventRepository (createTestDb)', async () => {
  const db = await createTestDb();
  return {
    store: new AlarmEventRepository(db, { dedupeWindowMs: 40_000 }),
    reset: async () => {
      await db.query('delete from alarm_events');
      await db.query('delete from alarm_dedupe');
    },
    close: () => db.close(),
  };
});

describe('AlarmEventRepository', () => {
  let db: Db;
  beforeAll(async () => {
    db = await createTestDb();
  });
  afterAll(async () => {
    await db.close();
  });

  it('lists an account\'s events newest first with the event fields', async () => {
    const repo = new AlarmEventRepository(db);
    await repo.commit([
      makeFrame({ account: 'A001', sequence: '0001', data: '#A001|Nri1/FA007' }),
      makeFrame({ account: 'A001', sequence: '0002', token: 'ADM-CID', data: '3110 01 007', receivedAt: new Date('2026-01-15T01:03:00Z') }),
    ]);
    const rows = await repo.listByAccount('a001');
    expect(rows).toMatchObject([
      { sequence: '0002', code: 'FH', zone: '007', area: '01', qualifier: 'restore', cidCode: '3110', token: 'ADM-CID', incidentId: null },
      { sequence: '0001', code: 'FA', zone: '007', area: '1', qualifier: 'new', category: 'fire-alarm', receiver: '1', line: '1' },
    ]);
    expect(rows[0]!.receivedAt).toBeInstanceOf(Date);
  });

  it('keeps a duplicate out after a restart (a new repository on the same database)', async () => {
    const f = makeFrame({ account: 'B002' });
    expect(await new AlarmEventRepository(db).commit([f])).toMatchObject([{ status: 'stored' }]);
    expect(await new AlarmEventRepository(db).commit([{ ...f, receivedAt: new Date(f.receivedAt.getTime() + 1000) }])).toEqual([
      { status: 'duplicate' },
    ]);
    expect(await new AlarmEventRepository(db).listByAccount('B002')).toHaveLength(1);
  });

  it('stores concurrent retransmissions once', async () => {
    const repo = new AlarmEventRepository(db);
    const f = makeFrame({ account: 'C003' });
    const results = await Promise.all([repo.commit([f]), repo.commit([f]), repo.commit([f])]);
    expect(results.flat().filter((r) => r.status === 'stored')).toHaveLength(1);
    expect(await repo.listByAccount('C003')).toHaveLength(1);
  });

  it('rolls the whole batch back when one insert fails', async () => {
    const repo = new AlarmEventRepository(db);
    const good = makeFrame({ account: 'D004' });
    const bad = makeFrame({ account: 'D005', sequence: '0009' });
    bad.events[0]!.qualifier = 'bogus' as never; // violates the check constraint
    await expect(repo.commit([good, bad])).rejects.toThrow();
    expect(await repo.listByAccount('D004')).toHaveLength(0);
    expect(await repo.commit([good])).toMatchObject([{ status: 'stored' }]); // the dedupe row was rolled back too
  });

  it('refreshes last_seen_at of known accounts and links incidents', async () => {
    const accounts = new AlarmAccountRepository(db);
    await accounts.upsert({ account: 'e006', key: '000102030405060708090A0B0C0D0E0F', premise: { name: 'Kho A', zones: { '001': 'Sảnh' } } });
    const repo = new AlarmEventRepository(db);
    const [r] = await repo.commit([makeFrame({ account: 'E006', token: 'NULL', sequence: '0000' }), makeFrame({ account: 'E006' })]).then((x) => x.slice(1));
    const rows = await db.query<{ last_seen_at: Date }>('select last_seen_at from alarm_accounts where account = $1', ['E006']);
    expect(rows[0]!.last_seen_at?.toISOString()).toBe('2026-01-15T01:02:03.000Z');
    const incident = '00000000-0000-4000-8000-000000000001';
    if (r?.status !== 'stored') throw new Error('not stored');
    await repo.setIncident(r.eventIds[0]!, incident);
    expect((await repo.listByAccount('E006'))[0]!.incidentId).toBe(incident);
  });
});

describe('AlarmAccountRepository as AccountDirectory', () => {
  it('returns key, format and state, caches, and sees changes after invalidate', async () => {
    const db = await createTestDb();
    let now = 0;
    const repo = new AlarmAccountRepository(db, { cacheTtlMs: 1000, clock: () => now });
    expect(await repo.get('F007')).toBeNull();
    await repo.upsert({ account: 'F007', key: 'AAAAAAAAAAAAAAAA', keyFormat: 'ascii' });
    expect(await repo.get('f007')).toEqual({ account: 'F007', key: 'AAAAAAAAAAAAAAAA', keyFormat: 'ascii', enabled: true });
    await db.query("update alarm_accounts set enabled = false where account = 'F007'");
    expect((await repo.get('F007'))?.enabled).toBe(true); // cached
    now = 1001;
    expect((await repo.get('F007'))?.enabled).toBe(false);
    await db.close();
  });
});

describe('AlarmAccountRepository.wardOf', () => {
  it('answers the premise ward from the directory cache, fresh after invalidate', async () => {
    const db = await createTestDb();
    const repo = new AlarmAccountRepository(db, { cacheTtlMs: 60_000, clock: () => 0 });
    expect(await repo.wardOf('F008')).toBeNull();
    await repo.upsert({ account: 'F008', premise: { name: 'Kho B', wardCode: 'W1' } });
    expect(await repo.wardOf('f008')).toBe('W1');
    await db.query("update alarm_accounts set ward_code = 'W2' where account = 'F008'");
    expect(await repo.wardOf('F008')).toBe('W1'); // cached with the key lookup
    repo.invalidate('F008');
    expect(await repo.wardOf('F008')).toBe('W2');
    await db.close();
  });
});
