import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson, entryHash, GENESIS, verifyChain, type TimelineEntry } from './timeline.ts';
import { dispatchFixture, dispatcherActor, type DispatchFixture } from './testing.ts';

describe('canonical JSON and the hash chain (pure)', () => {
  it('sorts keys recursively and has no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: 'ư' } })).toBe('{"a":{"c":"ư","d":[1,{"x":1,"y":2}]},"b":1}');
  });

  it('gives the same text for objects that differ only in key order', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (o) => {
        const reversed = Object.fromEntries(Object.entries(o).reverse());
        expect(canonicalJson(reversed)).toBe(canonicalJson(o));
      }),
    );
  });

  it('detects a changed field, a gap and a missing tail', () => {
    const at = new Date('2026-03-02T02:00:00.000Z');
    const chain: TimelineEntry[] = [];
    let prev = GENESIS;
    for (let seq = 1; seq <= 3; seq++) {
      const e = { incidentId: 'i', seq, at, actor: 'a', action: `x${seq}`, data: { n: seq }, prevHash: prev };
      const hash = entryHash(e);
      chain.push({ ...e, hash });
      prev = hash;
    }
    const head = { seq: 3, hash: chain[2]!.hash };
    expect(verifyChain('i', chain, head).ok).toBe(true);
    const edited = chain.map((e, i) => (i === 1 ? { ...e, data: { n: 99 } } : e));
    expect(verifyChain('i', edited, head).broken).toMatchObject({ seq: 2, reason: 'hash_mismatch' });
    expect(verifyChain('i', [chain[0]!, chain[2]!], head).broken).toMatchObject({ seq: 2, reason: 'seq_gap' });
    expect(verifyChain('i', chain.slice(0, 2), head).broken).toMatchObject({ reason: 'head_mismatch' });
  });
});

describe('incident timeline in the database', () => {
  let f: DispatchFixture;
  beforeAll(async () => {
    f = await dispatchFixture();
  });
  afterAll(async () => {
    await f.close();
  });

  async function incidentWithHistory() {
    const inc = await f.dispatch.incidents.createIncident({ source: 'call', type: 'fire', wardCode: '00070', lat: 21.03, lon: 105.85, description: 'Khói tại tầng 3', actor: dispatcherActor });
    await f.dispatch.incidents.markShown(inc.id, dispatcherActor);
    await f.dispatch.incidents.acknowledge(inc.id, dispatcherActor);
    await f.dispatch.incidents.transition(inc.id, 'resolved', dispatcherActor, 'Đã hướng dẫn qua điện thoại');
    return inc;
  }

  it('records every action as a verifiable chain', async () => {
    const inc = await incidentWithHistory();
    const tl = await f.dispatch.incidents.timeline(inc.id, dispatcherActor);
    expect(tl.map((e) => e.action)).toEqual(['created', 'shown', 'status_changed', 'status_changed']);
    expect(tl[0]!.prevHash).toBe(GENESIS);
    expect(tl[1]!.prevHash).toBe(tl[0]!.hash);
    const v = await f.dispatch.incidents.verifyTimeline(inc.id);
    expect(v).toMatchObject({ ok: true, entries: 4 });
  });

  it('refuses UPDATE and DELETE on the timeline', async () => {
    const inc = await incidentWithHistory();
    await expect(f.db.query(`update incident_timeline set actor = 'x' where incident_id = $1`, [inc.id])).rejects.toThrow(/append-only/);
    await expect(f.db.query(`delete from incident_timeline where incident_id = $1`, [inc.id])).rejects.toThrow(/append-only/);
    expect((await f.dispatch.incidents.verifyTimeline(inc.id)).ok).toBe(true);
  });

  it('detects an entry edited behind the trigger (table owner disables it)', async () => {
    const inc = await incidentWithHistory();
    await f.db.exec('alter table incident_timeline disable trigger incident_timeline_no_change');
    try {
      await f.db.query(`update incident_timeline set data = jsonb_set(data, '{note}', '"Đã sửa"') where incident_id = $1 and seq = 4`, [inc.id]);
    } finally {
      await f.db.exec('alter table incident_timeline enable trigger incident_timeline_no_change');
    }
    const v = await f.dispatch.incidents.verifyTimeline(inc.id);
    expect(v.ok).toBe(false);
    expect(v.broken).toMatchObject({ seq: 4, reason: 'hash_mismatch' });
  });

  it('detects a deleted entry in the middle and at the end', async () => {
    const mid = await incidentWithHistory();
    const tail = await incidentWithHistory();
    await f.db.exec('alter table incident_timeline disable trigger incident_timeline_no_change');
    try {
      await f.db.query('delete from incident_timeline where incident_id = $1 and seq = 2', [mid.id]);
      await f.db.query('delete from incident_timeline where incident_id = $1 and seq = 4', [tail.id]);
    } finally {
      await f.db.exec('alter table incident_timeline enable trigger incident_timeline_no_change');
    }
    expect((await f.dispatch.incidents.verifyTimeline(mid.id)).broken).toMatchObject({ seq: 2, reason: 'seq_gap' });
    expect((await f.dispatch.incidents.verifyTimeline(tail.id)).broken).toMatchObject({ reason: 'head_mismatch' });
    const all = await f.dispatch.incidents.verifyAll();
    expect(all.failures.map((x) => x.incidentId)).toEqual(expect.arrayContaining([mid.id, tail.id]));
  });

  it('keeps hashes stable through jsonb for Vietnamese text, numbers and nested data', async () => {
    const inc = await f.dispatch.incidents.createIncident({
      source: 'chat',
      type: 'medical',
      wardCode: '00070',
      lat: 21.0285,
      lon: 105.8542,
      addressText: 'Ngõ Huế – "số 7" <tầng 2> & sân sau',
      description: 'Người già ngã 😟, khó thở\u0000',
      links: [{ kind: 'conversation', refId: 'conv-1' }],
      actor: dispatcherActor,
    });
    expect((await f.dispatch.incidents.verifyTimeline(inc.id)).ok).toBe(true);
  });
});
