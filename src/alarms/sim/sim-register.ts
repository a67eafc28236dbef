import { loadReferenceData, type NewUnit } from '../../org/reference-data.ts';
import { isEncrypted, simAccount, simKey, type SimOptions } from './sim-options.ts';

/**
 * Registers the simulator's demo accounts through the HTTP API (login, CSRF header, `POST /alarm-accounts`;
 * an existing account gets its key and state refreshed with `PATCH`). Premises sit at the representative
 * points of real wards (src/org/data, published by sapnhap.bando.com.vn) and are labelled DEMO; no address,
 * contact or phone number is invented.
 */
export interface RegisterResult {
  created: number;
  updated: number;
  failed: Array<{ account: string; status: number; code?: string }>;
}

export interface SimSession {
  cookie: string;
  csrf: string;
}

export async function loginForSim(url: string, user: string, password: string): Promise<SimSession> {
  const res = await fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: user, password }) });
  if (!res.ok) throw new Error(`đăng nhập thất bại / login failed: HTTP ${res.status}`);
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const body = (await res.json()) as { csrfToken?: string };
  if (!cookie || !body.csrfToken) throw new Error('login answered without a session');
  return { cookie, csrf: body.csrfToken };
}

/** The demo premise of the i-th account: a real ward's representative point, spread over the 126 wards. */
export function demoPremise(units: readonly NewUnit[], i: number, heartbeatS: number) {
  const u = units[(i * 37) % units.length]!;
  return {
    ward: u,
    premise: {
      name: `DEMO – Cơ sở mô phỏng số ${i + 1} (${u.name})`,
      address: `DEMO – điểm đại diện của ${u.name}, không phải địa chỉ thật`,
      wardCode: u.newCode,
      lat: u.lat,
      lon: u.lon,
      zones: Object.fromEntries(Array.from({ length: 16 }, (_, z) => [String(z + 1), `Vùng ${z + 1} (DEMO)`])),
    },
    heartbeatIntervalS: heartbeatS > 0 ? heartbeatS : null,
  };
}

export async function registerSimAccounts(o: SimOptions, log: (line: string) => void = () => undefined): Promise<RegisterResult> {
  if (!o.register) throw new Error('no --register URL');
  const { url, user, password } = o.register;
  const s = await loginForSim(url, user, password);
  const units = loadReferenceData().units;
  const headers = { 'content-type': 'application/json', cookie: s.cookie, 'x-csrf-token': s.csrf };
  const result: RegisterResult = { created: 0, updated: 0, failed: [] };

  const one = async (i: number) => {
    const account = simAccount(o, i);
    const key = isEncrypted(o, i) ? simKey(o, account) : null;
    const d = demoPremise(units, i, o.heartbeatS);
    const res = await fetch(`${url}/api/v1/alarm-accounts`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ account, ...(key ? { key, keyFormat: 'hex' } : {}), isDemo: true, heartbeatIntervalS: d.heartbeatIntervalS, premise: d.premise }),
    });
    if (res.status === 201) {
      result.created++;
      return;
    }
    const err = ((await res.json().catch(() => ({}))) as { error?: { code?: string } }).error;
    if (res.status === 409 && err?.code === 'ALARM_ACCOUNT_EXISTS') {
      const patch = await fetch(`${url}/api/v1/alarm-accounts/${account}`, {
        method: 'PATCH',
        headers,
        body: JSON.stringify({ key, ...(key ? { keyFormat: 'hex' } : {}), enabled: true, isDemo: true, heartbeatIntervalS: d.heartbeatIntervalS }),
      });
      if (patch.ok) result.updated++;
      else result.failed.push({ account, status: patch.status });
      return;
    }
    result.failed.push({ account, status: res.status, ...(err?.code ? { code: err.code } : {}) });
  };

  const queue = Array.from({ length: o.accounts }, (_, i) => i);
  await Promise.all(
    Array.from({ length: Math.min(8, o.accounts) }, async () => {
      for (let i = queue.shift(); i !== undefined; i = queue.shift()) await one(i);
    }),
  );
  log(`đăng ký / registered: ${result.created} mới (new), ${result.updated} cập nhật (updated), ${result.failed.length} lỗi (failed)`);
  return result;
}
