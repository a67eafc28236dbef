import { describe, expect, it } from 'vitest';
import { mapToSia, parseContactId } from './contact-id.ts';
import { CID_TO_SIA } from './data/cid-to-sia.ts';
import { SIA_CODES } from './data/sia-codes.ts';
import { interpret } from './events.ts';
import { parseSiaData, splitAccount } from './sia-data.ts';

const content = (data: string, timestamp: string | null = null) => ({ data, extended: [], timestamp });

describe('SIA data blocks', () => {
  it('reads area, code and zone with or without the account prefix', () => {
    for (const d of ['#1234|Nri1/FA001', '|Nri1/FA001', 'Nri1/FA001']) {
      const r = interpret('SIA-DCS', content(d));
      expect(r).toMatchObject({ ok: true, events: [{ code: 'FA', zone: '001', area: '1', category: 'fire-alarm', qualifier: 'new' }] });
    }
    expect(splitAccount('#1234|Nri1/FA001')).toEqual({ account: '1234', rest: 'Nri1/FA001' });
  });
  it('reads several events, user ids and free text', () => {
    const r = parseSiaData('Nid12/ri2/BA003/BA004^Kho sau^');
    expect(r).toEqual({
      ok: true,
      events: [
        { code: 'BA', number: '003', area: '2', user: '12', text: null },
        { code: 'BA', number: '004', area: '2', user: '12', text: 'Kho sau' },
      ],
    });
  });
  it('reads the compact forms seen from real panels', () => {
    expect(parseSiaData('Nri1CL0^VX FRONTE ^')).toMatchObject({ ok: true, events: [{ code: 'CL', number: '0', text: 'VX FRONTE ' }] });
    expect(parseSiaData('Nri04/OP001NM')).toMatchObject({ ok: true, events: [{ code: 'OP', number: '001', area: '04' }] });
    expect(parseSiaData('NFA129')).toMatchObject({ ok: true, events: [{ code: 'FA', number: '129', area: null }] });
  });
  it('gives restores the restore qualifier and Vietnamese descriptions where translated', () => {
    const r = interpret('SIA-DCS', content('Nri1/FH001', '01:02:03,01-15-2026'));
    expect(r).toMatchObject({
      ok: true,
      events: [{ code: 'FH', qualifier: 'restore', category: 'restore', descriptionVi: expect.stringContaining('khôi phục') }],
    });
    if (r.ok) expect(r.events[0]!.eventTime?.toISOString()).toBe('2026-01-15T01:02:03.000Z');
  });
  it('keeps an unknown code with category other', () => {
    expect(interpret('SIA-DCS', content('Nri1/QQ001'))).toMatchObject({ ok: true, events: [{ code: 'QQ', category: 'other', description: null }] });
  });
  it('rejects a data block without an event code, and accepts an empty one as carrying no event', () => {
    expect(interpret('SIA-DCS', content('#1234|hello')).ok).toBe(false);
    expect(interpret('SIA-DCS', content(''))).toEqual({ ok: true, dataAccount: null, events: [] });
  });
});

describe('Contact ID', () => {
  it('maps qualifiers 1, 3 and 6 to one event model', () => {
    expect(interpret('ADM-CID', content('#5678|1110 01 015'))).toMatchObject({
      ok: true,
      dataAccount: '5678',
      events: [{ code: 'FA', qualifier: 'new', zone: '015', area: '01', cidCode: '1110', category: 'fire-alarm' }],
    });
    expect(interpret('ADM-CID', content('3110 01 015'))).toMatchObject({ ok: true, events: [{ code: 'FH', qualifier: 'restore', category: 'restore' }] });
    expect(interpret('ADM-CID', content('6110 01 015'))).toMatchObject({ ok: true, events: [{ code: 'FA', qualifier: 'status', cidCode: '6110' }] });
  });
  it('maps a code without SIA equivalent to UX and keeps the Contact ID code', () => {
    expect(interpret('ADM-CID', content('1999 00 001'))).toMatchObject({ ok: true, events: [{ code: 'UX', cidCode: '1999' }] });
  });
  it('rejects other qualifiers and malformed bodies', () => {
    expect(parseContactId('2110 01 015').ok).toBe(false);
    expect(parseContactId('1110 01').ok).toBe(false);
    expect(interpret('ADM-CID', content('#5678|hello')).ok).toBe(false);
  });
  it('has a SIA table entry for every mapping target', () => {
    for (const [cid, m] of Object.entries(CID_TO_SIA)) {
      for (const code of [m.new, m.restore]) if (code) expect(SIA_CODES[code], `${cid} -> ${code}`).toBeDefined();
    }
    expect(mapToSia('602', 'new')).toBe('RP');
    expect(mapToSia('301', 'new')).toBe('AT');
  });
});

describe('code tables', () => {
  it('classify the fire-relevant and common codes', () => {
    const cat = (c: string) => SIA_CODES[c]!.category;
    expect([cat('FA'), cat('FT'), cat('FH'), cat('FJ'), cat('FR')]).toEqual(['fire-alarm', 'fire-trouble', 'restore', 'restore', 'restore']);
    expect([cat('BA'), cat('PA'), cat('MA'), cat('AT'), cat('AR'), cat('YT'), cat('YR')]).toEqual([
      'burglary', 'panic', 'medical', 'trouble', 'restore', 'trouble', 'restore',
    ]);
    expect([cat('RP'), cat('TX'), cat('OP'), cat('CL')]).toEqual(['test', 'test', 'open-close', 'open-close']);
  });
  it('have Vietnamese (NFC) descriptions for the common codes', () => {
    for (const c of ['FA', 'FH', 'FT', 'FJ', 'FR', 'BA', 'PA', 'MA', 'AT', 'AR', 'YT', 'YR', 'RP', 'OP', 'CL', 'TX']) {
      const vi = SIA_CODES[c]!.vi;
      expect(vi, c).toBeTruthy();
      expect(vi).toBe(vi!.normalize('NFC'));
    }
  });
});

describe('extended data', () => {
  it('names the DC-09 identifiers and keeps unknown ones', async () => {
    const { readXdata } = await import('./xdata.ts');
    expect(readXdata(['X006E07.7777777', 'Y49N06.6666666', 'M0026B9E4268B', 'Qabc', ''])).toEqual([
      { id: 'X', name: 'Longitude', value: '006E07.7777777' },
      { id: 'Y', name: 'Latitude', value: '49N06.6666666' },
      { id: 'M', name: 'MAC Address', value: '0026B9E4268B' },
      { id: 'Q', name: null, value: 'abc' },
    ]);
  });
});
