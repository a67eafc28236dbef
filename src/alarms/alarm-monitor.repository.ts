import type { Queryable } from '../db/db.ts';
import type { TroubleKind } from './alarm-classify.ts';

/** Fire alarm activations, the trouble list and verifications (migration 0031), on the Db port. */
export interface ActivationRow {
  id: string;
  account: string;
  incidentId: string | null;
  firstEventId: string;
  lastEventId: string;
  zones: string[];
  eventCount: number;
  openedAt: Date;
  lastEventAt: Date;
  restoredAt: Date | null;
  acknowledgedAt: Date | null;
  acknowledgedBy: string | null;
  outcome: 'confirmed' | 'false_alarm' | null;
  falseAlarmReason: string | null;
  verificationNote: string | null;
  verifiedAt: Date | null;
  verifiedBy: string | null;
  closedAt: Date | null;
  closeReason: string | null;
}

export interface TroubleRow {
  id: string;
  account: string;
  kind: TroubleKind;
  code: string | null;
  cidEvent: string | null;
  zone: string | null;
  openedAt: Date;
  openedEventId: string | null;
  lastEventAt: Date;
  eventCount: number;
  clearedAt: Date | null;
  clearedEventId: string | null;
  clearedReason: string | null;
  acknowledgedAt: Date | null;
  acknowledgedBy: string | null;
}

const ACTIVATION = `id, account, incident_id as "incidentId", first_event_id as "firstEventId", last_event_id as "lastEventId", zones,
  event_count as "eventCount", opened_at as "openedAt", last_event_at as "lastEventAt", restored_at as "restoredAt",
  acknowledged_at as "acknowledgedAt", acknowledged_by as "acknowledgedBy", outcome, false_alarm_reason as "falseAlarmReason",
  verification_note as "verificationNote", verified_at as "verifiedAt", verified_by as "verifiedBy", closed_at as "closedAt",
  close_reason as "closeReason"`;

export const TROUBLE_COLUMNS = `id, account, kind, code, cid_event as "cidEvent", zone, opened_at as "openedAt", opened_event_id as "openedEventId",
  last_event_at as "lastEventAt", event_count as "eventCount", cleared_at as "clearedAt", cleared_event_id as "clearedEventId",
  cleared_reason as "clearedReason", acknowledged_at as "acknowledgedAt", acknowledged_by as "acknowledgedBy"`;

const prefixed = (cols: string, p: string) => cols.replace(/(^|,\s*)([a-z_]+)/g, `$1${p}.$2`);
export const ACTIVATION_COLUMNS_T = prefixed(ACTIVATION, 't');
export const TROUBLE_COLUMNS_T = prefixed(TROUBLE_COLUMNS, 't');

export function createMonitorRepository() {
  return {
    async openActivation(q: Queryable, account: string): Promise<ActivationRow | undefined> {
      return (await q.query<ActivationRow>(`select ${ACTIVATION} from alarm_activations where account = $1 and closed_at is null`, [account]))[0];
    },

    async activation(q: Queryable, id: string): Promise<ActivationRow | undefined> {
      return (await q.query<ActivationRow>(`select ${ACTIVATION} from alarm_activations where id = $1`, [id]))[0];
    },

    /** The activation a fire event opened or joined. */
    async activationOfEvent(q: Queryable, eventId: string): Promise<ActivationRow | undefined> {
      return (
        await q.query<ActivationRow>(
          `select ${ACTIVATION} from alarm_activations where first_event_id = $1 or last_event_id = $1
             or (incident_id is not null and incident_id = (select incident_id from alarm_events where id = $1))
           order by opened_at desc limit 1`,
          [eventId],
        )
      )[0];
    },

    /** Claims the premise's one open activation; undefined when another is already open. */
    async claimActivation(q: Queryable, a: { id: string; account: string; eventId: string; zone: string | null; at: Date }): Promise<ActivationRow | undefined> {
      return (
        await q.query<ActivationRow>(
          `insert into alarm_activations (id, account, first_event_id, last_event_id, zones, opened_at, last_event_at)
           values ($1, $2, $3, $3, $4, $5, $5) on conflict do nothing returning ${ACTIVATION}`,
          [a.id, a.account, a.eventId, a.zone ? [a.zone] : [], a.at],
        )
      )[0];
    },

    async setActivationIncident(q: Queryable, id: string, incidentId: string) {
      await q.query('update alarm_activations set incident_id = $2 where id = $1', [id, incidentId]);
    },

    async joinActivation(q: Queryable, id: string, e: { eventId: string; zone: string | null; at: Date }) {
      await q.query(
        `update alarm_activations set event_count = event_count + 1, last_event_id = $2, last_event_at = greatest(last_event_at, $3),
           zones = case when $4::text is null or $4 = any(zones) then zones else zones || $4::text end
         where id = $1`,
        [id, e.eventId, e.at, e.zone],
      );
    },

    async markRestored(q: Queryable, id: string, at: Date) {
      await q.query('update alarm_activations set restored_at = $2 where id = $1', [id, at]);
    },

    async acknowledgeActivation(q: Queryable, id: string, at: Date, by: string): Promise<boolean> {
      const rows = await q.query('update alarm_activations set acknowledged_at = $2, acknowledged_by = $3 where id = $1 and acknowledged_at is null returning id', [id, at, by]);
      return rows.length > 0;
    },

    async recordVerification(
      q: Queryable,
      v: { id: string; activationId: string; account: string; incidentId: string | null; outcome: 'confirmed' | 'false_alarm'; reason: string | null; note: string | null; at: Date; by: string },
    ) {
      await q.query(
        `insert into alarm_verifications (id, account, activation_id, incident_id, outcome, reason, note, at, by_user) values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [v.id, v.account, v.activationId, v.incidentId, v.outcome, v.reason, v.note, v.at, v.by],
      );
      await q.query(
        `update alarm_activations set outcome = $2, false_alarm_reason = $3, verification_note = $4, verified_at = $5, verified_by = $6,
           acknowledged_at = coalesce(acknowledged_at, $5), acknowledged_by = coalesce(acknowledged_by, $6)
         where id = $1`,
        [v.activationId, v.outcome, v.reason, v.note, v.at, v.by],
      );
    },

    async closeActivation(q: Queryable, id: string, at: Date, reason: string): Promise<boolean> {
      return (await q.query('update alarm_activations set closed_at = $2, close_reason = $3 where id = $1 and closed_at is null returning id', [id, at, reason])).length > 0;
    },

    async openActivationsOfIncident(q: Queryable, incidentId: string): Promise<ActivationRow[]> {
      return q.query<ActivationRow>(`select ${ACTIVATION} from alarm_activations where incident_id = $1 and closed_at is null`, [incidentId]);
    },

    /** Opens a trouble, or counts a repeat of the same open one. */
    async openTrouble(
      q: Queryable,
      t: { id: string; account: string; kind: TroubleKind; code: string | null; cidEvent: string | null; zone: string | null; at: Date; eventId: string | null },
    ): Promise<{ row: TroubleRow; isNew: boolean }> {
      const inserted = await q.query<TroubleRow>(
        `insert into alarm_troubles (id, account, kind, code, cid_event, zone, opened_at, opened_event_id, last_event_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $7) on conflict do nothing returning ${TROUBLE_COLUMNS}`,
        [t.id, t.account, t.kind, t.code, t.cidEvent, t.zone, t.at, t.eventId],
      );
      if (inserted[0]) return { row: inserted[0], isNew: true };
      const [row] = await q.query<TroubleRow>(
        `update alarm_troubles set event_count = event_count + 1, last_event_at = greatest(last_event_at, $5)
         where account = $1 and kind = $2 and coalesce(code, '') = coalesce($3::text, '') and coalesce(zone, '') = coalesce($4::text, '') and cleared_at is null
         returning ${TROUBLE_COLUMNS}`,
        [t.account, t.kind, t.code, t.zone, t.at],
      );
      return { row: row!, isNew: false };
    },

    async openTroubles(q: Queryable, account: string): Promise<TroubleRow[]> {
      return q.query<TroubleRow>(`select ${TROUBLE_COLUMNS} from alarm_troubles where account = $1 and cleared_at is null order by opened_at`, [account]);
    },

    async trouble(q: Queryable, id: string): Promise<TroubleRow | undefined> {
      return (await q.query<TroubleRow>(`select ${TROUBLE_COLUMNS} from alarm_troubles where id = $1`, [id]))[0];
    },

    async troubleOpenedBy(q: Queryable, eventId: string): Promise<TroubleRow | undefined> {
      return (await q.query<TroubleRow>(`select ${TROUBLE_COLUMNS} from alarm_troubles where opened_event_id = $1`, [eventId]))[0];
    },

    async clearTrouble(q: Queryable, id: string, at: Date, eventId: string | null, reason: string): Promise<TroubleRow | undefined> {
      return (
        await q.query<TroubleRow>(
          `update alarm_troubles set cleared_at = $2, cleared_event_id = $3, cleared_reason = $4 where id = $1 and cleared_at is null returning ${TROUBLE_COLUMNS}`,
          [id, at, eventId, reason],
        )
      )[0];
    },

    async clearCommLoss(q: Queryable, account: string, at: Date, eventId: string | null): Promise<TroubleRow[]> {
      return q.query<TroubleRow>(
        `update alarm_troubles set cleared_at = $2, cleared_event_id = $3, cleared_reason = 'heard' where account = $1 and kind = 'comm-loss' and cleared_at is null returning ${TROUBLE_COLUMNS}`,
        [account, at, eventId],
      );
    },

    async acknowledgeTrouble(q: Queryable, id: string, at: Date, by: string): Promise<boolean> {
      return (await q.query('update alarm_troubles set acknowledged_at = $2, acknowledged_by = $3 where id = $1 and acknowledged_at is null returning id', [id, at, by])).length > 0;
    },
  };
}

export type MonitorRepository = ReturnType<typeof createMonitorRepository>;
