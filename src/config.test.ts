import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';

describe('AGENCY_ID', () => {
  it('is unset by default (dispatch then uses its reserved .invalid name) and takes a domain name', () => {
    expect(loadConfig({}).agencyId).toBeUndefined();
    expect(loadConfig({ AGENCY_ID: 'congan.hanoi.gov.vn' }).agencyId).toBe('congan.hanoi.gov.vn');
  });

  it('refuses what is not a domain name (it goes into EIDO ids and CAP identifiers)', () => {
    for (const bad of ['congan', 'congan hanoi.gov.vn', 'a,b.vn', 'https://congan.hanoi.gov.vn']) {
      expect(() => loadConfig({ AGENCY_ID: bad }), bad).toThrow(/AGENCY_ID/);
    }
  });
});
