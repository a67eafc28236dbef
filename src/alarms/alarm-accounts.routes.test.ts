import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alarmPlatform, createAccount, WARD_A, WARD_B, type AlarmFixture } from './testing.ts';

const HEX128 = '000102030405060708090A0B0C0D0E0F';

describe('alarm accounts API', () => {
  let f: AlarmFixture;
  beforeAll(async () => {
    f = await alarmPlatform();
  });
  afterAll(async () => {
    await f.p.close();
  });

  it('creates an account in the contract shape and never returns the key', async () => {
    const res = await createAccount(f.s.admin, {
      account: 'a1b2c3',
      receiver: '12',
      line: '3',
      key: HEX128,
      keyFormat: 'hex',
      premise: { name: 'Kho hàng Tràng Tiền', address: 'Số 5 phố Tràng Tiền', wardCode: WARD_A, lat: 21.0245, lon: 105.8556 },
    });
    expect(res.statusCode).toBe(201);
    const a = res.json().account;
    expect(a).toMatchObject({ account: 'A1B2C3', receiver: '12', line: '3', hasKey: true, keyFormat: 'hex', enabled: true, premise: { wardCode: WARD_A, wardSource: 'code', wardUnresolved: false } });
    expect(JSON.stringify(res.json())).not.toContain(HEX128);
    for (const url of ['/api/v1/alarm-accounts/A1B2C3', '/api/v1/alarm-accounts', '/api/v1/alarm-accounts/a1b2c3/stats']) {
      const r = await f.s.admin.request({ url });
      expect(r.statusCode).toBe(200);
      expect(r.body).not.toContain(HEX128);
      expect(r.body.toLowerCase()).not.toContain(HEX128.toLowerCase());
    }
    const audit = await f.p.db.query<{ details: unknown }>(`select details from audit_log where action = 'alarm_account.create' and target = 'A1B2C3'`);
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit[0]!.details)).not.toContain(HEX128);
    expect((await createAccount(f.s.admin, { account: 'A1B2C3', premise: { name: 'x', address: 'y' } })).statusCode).toBe(409);
  });

  it('checks key lengths for AES-128/192/256 in hex and ascii', async () => {
    const mk = (account: string, key: string, keyFormat?: string) =>
      createAccount(f.s.admin, { account, key, ...(keyFormat ? { keyFormat } : {}), premise: { name: 'Cơ sở thử khóa', address: 'Hà Nội' } });
    expect((await mk('B001', 'ABCDEF')).json().error.code).toBe('ALARM_KEY_INVALID');
    expect((await mk('B002', 'Z'.repeat(32))).statusCode).toBe(400);
    expect((await mk('B003', HEX128 + '00')).statusCode).toBe(400);
    expect((await mk('B004', HEX128)).statusCode).toBe(201);
    expect((await mk('B005', HEX128 + '0001020304050607')).statusCode).toBe(201); // 192
    expect((await mk('B006', HEX128 + HEX128)).statusCode).toBe(201); // 256
    expect((await mk('B007', 'sixteen-chars-ok', 'ascii')).statusCode).toBe(201);
    expect((await mk('B008', 'twenty-four-characters!!', 'ascii')).statusCode).toBe(201);
    expect((await mk('B009', 'short', 'ascii')).statusCode).toBe(400);
    expect((await mk('B00A', HEX128, 'base64')).statusCode).toBe(400);
  });

  it('validates the body strictly', async () => {
    const bad = [
      { account: 'XYZ', premise: { name: 'a', address: 'b' } },
      { account: '12', premise: { name: 'a', address: 'b' } },
      { account: '1234', premise: { name: 'a' } },
      { account: '1234', premise: { name: 'a', address: 'b', lat: 21 } },
      { account: '1234', premise: { name: 'a', address: 'b', wardCode: '99999' } },
      { account: '1234', premise: { name: 'a', address: 'b' }, isAdmin: true },
      { account: '1234', premise: { name: 'a', address: 'b', contacts: [{ name: 'A', phone: 'gọi tôi' }] } },
      { account: '1234', premise: { name: 'a', address: 'b', zones: { abc: 'x' } } },
    ];
    for (const b of bad) expect((await createAccount(f.s.admin, b)).statusCode, JSON.stringify(b)).toBeGreaterThanOrEqual(400);
    expect((await createAccount(f.s.admin, bad[5]!)).json().error.code).toBe('UNKNOWN_FIELD');
    expect((await createAccount(f.s.admin, bad[4]!)).json().error.code).toBe('WARD_NOT_FOUND');
  });

  it('resolves the ward from a confident address, else leaves it null and says so', async () => {
    const byAddress = await createAccount(f.s.admin, { account: 'C001', premise: { name: 'Nhà hàng DEMO', address: 'Số 10 Hàng Trống, phường Hoàn Kiếm, Hà Nội' } });
    expect(byAddress.json().account.premise).toMatchObject({ wardCode: WARD_A, wardSource: 'address', wardName: 'Phường Hoàn Kiếm' });
    const vague = await createAccount(f.s.admin, { account: 'C002', premise: { name: 'Xưởng DEMO', address: 'gần chợ' } });
    expect(vague.json().account.premise).toMatchObject({ wardCode: null, wardSource: null, wardUnresolved: true, wardNote: 'chưa xác định xã/phường' });
    const unresolved = await f.s.admin.request({ url: '/api/v1/alarm-accounts?unresolved=true' });
    const flagged = unresolved.json().accounts as Array<{ account: string; premise: { wardUnresolved: boolean } }>;
    expect(flagged.map((a) => a.account)).toContain('C002');
    expect(flagged.every((a) => a.premise.wardUnresolved)).toBe(true);
    expect(flagged.map((a) => a.account)).not.toContain('C001');
    // Setting the ward by hand later.
    const fixed = await f.s.admin.request({ method: 'PATCH', url: '/api/v1/alarm-accounts/C002', payload: { premise: { wardCode: WARD_B } } });
    expect(fixed.json().account.premise).toMatchObject({ wardCode: WARD_B, wardSource: 'code', wardUnresolved: false });
  });

  it('edits contacts, zones, heartbeat, enabled, key — audited without keys or contacts, cache invalidated', async () => {
    await createAccount(f.s.admin, { account: 'D001', premise: { name: 'Chung cư DEMO', address: 'Hà Nội', wardCode: WARD_A } });
    await f.p.alarms.directory.get('D001'); // cached: no key
    const res = await f.s.admin.request({
      method: 'PATCH',
      url: '/api/v1/alarm-accounts/d001',
      payload: {
        key: 'ascii-key-16-chr',
        keyFormat: 'ascii',
        heartbeatIntervalS: 300,
        premise: { contacts: [{ name: 'Bảo vệ tòa nhà', phone: '0241234567', role: 'trực ban' }], zones: { '12': 'tầng 3, kho hàng' } },
      },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().account).toMatchObject({ hasKey: true, keyFormat: 'ascii', heartbeatIntervalS: 300, premise: { zones: { '12': 'tầng 3, kho hàng' }, contacts: [{ name: 'Bảo vệ tòa nhà', phone: '0241234567', role: 'trực ban' }] } });
    expect(res.body).not.toContain('ascii-key-16-chr');
    expect((await f.p.alarms.directory.get('D001'))?.key).toBe('ascii-key-16-chr');
    const off = await f.s.admin.request({ method: 'PATCH', url: '/api/v1/alarm-accounts/D001', payload: { enabled: false } });
    expect(off.json().account.enabled).toBe(false);
    expect((await f.p.alarms.directory.get('D001'))?.enabled).toBe(false);
    const rows = await f.p.db.query<{ details: Record<string, unknown> }>(`select details from audit_log where action = 'alarm_account.update' and target = 'D001' order by id`);
    expect(rows).toHaveLength(2);
    expect(rows[0]!.details).toMatchObject({ keyRotated: true });
    const text = JSON.stringify(rows);
    for (const secret of ['ascii-key-16-chr', '0241234567', 'Bảo vệ tòa nhà']) expect(text).not.toContain(secret);
    const removed = await f.s.admin.request({ method: 'PATCH', url: '/api/v1/alarm-accounts/D001', payload: { key: null } });
    expect(removed.json().account).toMatchObject({ hasKey: false, keyFormat: null });
  });

  it('permissions: admin manages; dispatchers read all; ward officers read their ward only; others refused', async () => {
    await createAccount(f.s.admin, { account: 'E00A', premise: { name: 'Cơ sở A DEMO', address: 'Hà Nội', wardCode: WARD_A } });
    await createAccount(f.s.admin, { account: 'E00B', premise: { name: 'Cơ sở B DEMO', address: 'Hà Nội', wardCode: WARD_B } });
    const body = { account: 'E00C', premise: { name: 'x', address: 'y' } };
    for (const who of ['dispatcher', 'leader', 'kb_editor', 'wardA'] as const) {
      expect((await createAccount(f.s[who], body)).statusCode, who).toBe(403);
      expect((await f.s[who].request({ method: 'PATCH', url: '/api/v1/alarm-accounts/E00A', payload: { enabled: false } })).statusCode, who).toBe(403);
    }
    const list = async (who: keyof AlarmFixture['s']) => (await f.s[who].request({ url: '/api/v1/alarm-accounts' })).json().accounts.map((a: { account: string }) => a.account);
    expect(await list('dispatcher')).toEqual(expect.arrayContaining(['E00A', 'E00B']));
    const a = await list('wardA');
    expect(a).toContain('E00A');
    expect(a).not.toContain('E00B');
    expect(await list('wardB')).not.toContain('E00A');
    expect((await f.s.wardA.request({ url: '/api/v1/alarm-accounts/E00A' })).statusCode).toBe(200);
    expect((await f.s.wardA.request({ url: '/api/v1/alarm-accounts/E00B' })).statusCode).toBe(404);
    expect((await f.s.wardB.request({ url: '/api/v1/alarm-accounts/E00A/stats' })).statusCode).toBe(404);
    const denied = await f.p.db.query(`select 1 from audit_log where action = 'access.cross_ward' and target = 'alarm_account:E00B'`);
    expect(denied.length).toBeGreaterThan(0);
    for (const who of ['leader', 'kb_editor'] as const) expect((await f.s[who].request({ url: '/api/v1/alarm-accounts' })).statusCode, who).toBe(403);
    expect((await f.p.app.inject({ url: '/api/v1/alarm-accounts' })).statusCode).toBe(401);
    // CSRF is required for writes.
    const noCsrf = await f.p.app.inject({ method: 'POST', url: '/api/v1/alarm-accounts', payload: body, headers: { cookie: f.s.admin.cookie } });
    expect(noCsrf.statusCode).toBe(403);
  });
});
