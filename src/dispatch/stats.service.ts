import type { Queryable } from '../db/db.ts';
import type { IncidentRow } from './incident.repository.ts';
import { INCIDENT_TYPE_LABELS, type IncidentType } from './model.ts';
import { limitMs, percentile, stageBounds, STANDARD_INFO, STANDARD_KEYS } from './standards.ts';
import { incidentTimes } from './views.ts';

/** Vietnam has kept UTC+7 without daylight saving since 1975, so a fixed offset gives the local day. */
const VN_OFFSET_MS = 7 * 3600_000;
export const localDay = (d: Date) => new Date(d.getTime() + VN_OFFSET_MS).toISOString().slice(0, 10);

export interface StatsFilter {
  from: Date;
  to: Date;
  wardCode?: string;
}

const countBy = <T>(rows: T[], key: (r: T) => string) => {
  const m = new Map<string, number>();
  for (const r of rows) m.set(key(r), (m.get(key(r)) ?? 0) + 1);
  return [...m.entries()].map(([k, n]) => ({ key: k, count: n })).sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
};

/**
 * Figures for leaders: counts by type, ward, source and day, and for each time standard the median,
 * 90th percentile and the share of incidents within the limit (the standards are "90 % within …").
 * Merged duplicates are left out so one event counts once.
 */
export async function computeStats(db: Queryable, f: StatsFilter) {
  const params: unknown[] = [f.from, f.to];
  let where = 'received_at >= $1 and received_at < $2 and merged_into is null';
  const ward = f.wardCode;
  if (ward) {
    params.push(ward);
    where += ` and ward_code = $${params.length}`;
  }
  const rows = await db.query<IncidentRow>(`select * from incidents where ${where} order by received_at limit 100000`, params);
  // The window of the same length just before, for the trend ("so với kỳ trước").
  const span = f.to.getTime() - f.from.getTime();
  const prevParams = [new Date(f.from.getTime() - span), f.from, ...params.slice(2)];
  const prevRows = await db.query<{ type: string; n: number }>(`select type, count(*)::int as n from incidents where ${where} group by type`, prevParams);
  const prevByType = new Map(prevRows.map((r) => [r.type, Number(r.n)]));
  const prevTotal = [...prevByType.values()].reduce((a, b) => a + b, 0);

  const bounds = rows.map((r) => stageBounds(incidentTimes(r)));
  const standards = STANDARD_KEYS.map((key) => {
    const durations: number[] = [];
    let within = 0;
    rows.forEach((r, i) => {
      const [start, end] = bounds[i]![key];
      if (!start || !end) return;
      const d = end.getTime() - start.getTime();
      durations.push(d);
      if (d <= limitMs(key, r.type)) within++;
    });
    return {
      key,
      ...STANDARD_INFO[key],
      measured: durations.length,
      medianMs: durations.length ? percentile(durations, 50) : null,
      p90Ms: durations.length ? percentile(durations, 90) : null,
      withinShare: durations.length ? Math.round((within / durations.length) * 1000) / 1000 : null,
    };
  });

  const typesNow = new Set<string>(rows.map((r) => r.type));
  const response: number[] = [];
  for (const r of rows) if (r.first_on_scene_at) response.push(new Date(r.first_on_scene_at).getTime() - new Date(r.received_at).getTime());

  return {
    from: f.from.toISOString(),
    to: f.to.toISOString(),
    wardCode: ward ?? null,
    total: rows.length,
    byType: countBy(rows, (r) => r.type).map((x) => ({ type: x.key, label: INCIDENT_TYPE_LABELS[x.key as IncidentType], count: x.count, previous: prevByType.get(x.key) ?? 0 })),
    previous: {
      from: new Date(f.from.getTime() - span).toISOString(),
      to: f.from.toISOString(),
      total: prevTotal,
      // Types seen only in the previous window (none in this one), so a fall to zero shows too.
      byType: [...prevByType.entries()].filter(([t]) => !typesNow.has(t)).map(([type, count]) => ({ type, label: INCIDENT_TYPE_LABELS[type as IncidentType] ?? type, count })),
    },
    byWard: countBy(rows, (r) => r.ward_code ?? 'unresolved').map((x) => ({ wardCode: x.key === 'unresolved' ? null : x.key, count: x.count })),
    bySource: countBy(rows, (r) => r.source).map((x) => ({ source: x.key, count: x.count })),
    byStatus: countBy(rows, (r) => r.status).map((x) => ({ status: x.key, count: x.count })),
    byDay: countBy(rows, (r) => localDay(new Date(r.received_at)))
      .map((x) => ({ day: x.key, count: x.count }))
      .sort((a, b) => a.day.localeCompare(b.day)),
    /** Day × type counts: the trend of each kind of incident (crime, public order, fire...). */
    byTypeDay: countBy(rows, (r) => `${localDay(new Date(r.received_at))}|${r.type}`)
      .map((x) => {
        const [day, type] = x.key.split('|') as [string, string];
        return { day, type, count: x.count };
      })
      .sort((a, b) => a.day.localeCompare(b.day) || a.type.localeCompare(b.type)),
    standards,
    responseTotal: {
      label: 'Nhận tin → lực lượng đầu tiên tới hiện trường',
      measured: response.length,
      medianMs: response.length ? percentile(response, 50) : null,
      p90Ms: response.length ? percentile(response, 90) : null,
    },
    demoIncluded: rows.some((r) => r.is_demo),
  };
}
