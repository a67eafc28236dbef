import { useEffect, useMemo, useState } from 'react';
import { errorMessage, type Ward } from '../../api.ts';
import { INCIDENT_SOURCE_LABELS, INCIDENT_STATUS_LABELS, type IncidentSource, type IncidentStatus } from '../../../../src/dispatch/model.ts';
import {
  ANSWER_LIMIT_MS,
  PROCESSING_LIMIT_MS,
  SHOWN_LIMIT_MS,
  TRAVEL_LIMIT_MS,
  TURNOUT_FIRE_LIMIT_MS,
  TURNOUT_OTHER_LIMIT_MS,
} from '../../../../src/dispatch/standards.ts';
import { dispatchApi } from '../console/client.ts';
import { count, percent, wordsDuration } from '../console/format.ts';
import type { Stats } from '../console/types.ts';
import { WardSelect } from '../console/WardSelect.tsx';
import { DayChart, HBarChart } from './charts.tsx';
import './stats.css';

const PERIODS = [
  { days: 7, label: '7 ngày' },
  { days: 30, label: '30 ngày' },
  { days: 90, label: '90 ngày' },
];

/** Hanoi calendar day (UTC+7, no daylight saving) of a time, as YYYY-MM-DD. */
const localDay = (ms: number) => new Date(ms + 7 * 3600_000).toISOString().slice(0, 10);

function dayRange(fromIso: string, toIso: string): string[] {
  const out: string[] = [];
  const end = localDay(Date.parse(toIso) - 1);
  for (let t = Date.parse(fromIso); out.length < 400; t += 86_400_000) {
    const d = localDay(t);
    out.push(d);
    if (d >= end) break;
  }
  return out;
}

/** The kinds of incident drawn as the crime trend. */
const CRIME_TYPES = new Set(['crime', 'public_order']);

/** "▲ 20 %" / "▼ 5 %" / "=" against the previous window of the same length; "mới" when there was none before. */
function change(now: number, before: number): string {
  if (before === 0) return now === 0 ? '=' : 'mới';
  const pct = Math.round(((now - before) / before) * 100);
  return pct === 0 ? '=' : `${pct > 0 ? '▲' : '▼'} ${Math.abs(pct)} %`;
}
/** Figures refresh on their own while the page stays open. */
const REFRESH_MS = 60_000;

const sec = (ms: number) => ms / 1000;
/** Short names of the steps for the chart (the table below gives the full wording), limits from standards.ts. */
const STEP_SHORT: Record<string, string> = {
  shown: `Hiển thị ≤ ${sec(SHOWN_LIMIT_MS)} giây`,
  answer: `Tiếp nhận ≤ ${sec(ANSWER_LIMIT_MS)} giây`,
  processing: `Xử lý ≤ ${sec(PROCESSING_LIMIT_MS)} giây`,
  turnout: `Xuất phát ≤ ${sec(TURNOUT_FIRE_LIMIT_MS)}/${sec(TURNOUT_OTHER_LIMIT_MS)} giây`,
  travel: `Di chuyển ≤ ${sec(TRAVEL_LIMIT_MS)} giây`,
};

/** Leaders' statistics (GET /stats): counts, response times against the standards, crime trend. */
export function StatsView({ wards }: { wards: Ward[] }) {
  const [days, setDays] = useState(30);
  const [ward, setWard] = useState('');
  const [stats, setStats] = useState<Stats | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [reload, setReload] = useState(0);

  useEffect(() => {
    const c = new AbortController();
    const to = new Date();
    const from = new Date(to.getTime() - days * 86_400_000);
    setError(null);
    dispatchApi.stats({ from: from.toISOString(), to: to.toISOString(), ward: ward || undefined }, c.signal).then(
      (s) => !c.signal.aborted && setStats(s),
      (e) => !c.signal.aborted && setError(errorMessage(e)),
    );
    const t = setTimeout(() => setReload((n) => n + 1), REFRESH_MS);
    return () => {
      c.abort();
      clearTimeout(t);
    };
  }, [days, ward, reload]);

  const names = useMemo(() => Object.fromEntries(wards.map((w) => [w.code, w.name])), [wards]);

  const dayList = useMemo(() => (stats ? dayRange(stats.from, stats.to) : []), [stats]);
  const perDay = useMemo(() => {
    const m = new Map(stats?.byDay.map((d) => [d.day, d.count]) ?? []);
    return dayList.map((d) => m.get(d) ?? 0);
  }, [stats, dayList]);
  const crimePerDay = useMemo(() => {
    const m = new Map<string, number>();
    for (const x of stats?.byTypeDay ?? []) if (CRIME_TYPES.has(x.type)) m.set(x.day, (m.get(x.day) ?? 0) + x.count);
    return dayList.map((d) => m.get(d) ?? 0);
  }, [stats, dayList]);
  const crimeNow = stats ? stats.byType.filter((t) => CRIME_TYPES.has(t.type)).reduce((a, t) => a + t.count, 0) : 0;
  const crimeBefore = stats
    ? stats.byType.filter((t) => CRIME_TYPES.has(t.type)).reduce((a, t) => a + t.previous, 0) + stats.previous.byType.filter((t) => CRIME_TYPES.has(t.type)).reduce((a, t) => a + t.count, 0)
    : 0;

  return (
    <div className="stats">
      <div className="stats-bar">
        <div className="seg" role="group" aria-label="Khoảng thời gian">
          {PERIODS.map((p) => (
            <button key={p.days} type="button" className={`btn btn-sm ${days === p.days ? 'btn-primary' : 'btn-light'}`} aria-pressed={days === p.days} onClick={() => setDays(p.days)}>
              {p.label}
            </button>
          ))}
        </div>
        <WardSelect className="stats-ward" wards={wards} value={ward} onChange={setWard} />
        <button type="button" className="btn btn-light btn-sm" onClick={() => setReload((n) => n + 1)}>
          Làm mới
        </button>
      </div>
      {error && (
        <p className="alert alert-error" role="alert">
          {error}
        </p>
      )}
      {!stats && !error && <p className="loading" role="status"><span className="spinner" aria-hidden="true" /> Đang tính số liệu…</p>}
      {stats && (
        <>
          {stats.demoIncluded && <p className="alert alert-warning">Số liệu có bao gồm DỮ LIỆU DEMO (chế độ trình diễn), không phải số liệu thật.</p>}
          <div className="tiles">
            <div className="tile">
              <span className="tile-n">{count(stats.total)}</span>
              <span className="tile-l">sự việc (không tính bản trùng đã gộp); kỳ trước {count(stats.previous.total)} ({change(stats.total, stats.previous.total)})</span>
            </div>
            <div className="tile">
              <span className="tile-n">{count(crimeNow)}</span>
              <span className="tile-l">
                vụ tội phạm, trật tự công cộng; kỳ trước {count(crimeBefore)} ({change(crimeNow, crimeBefore)})
              </span>
            </div>
            <div className="tile">
              <span className="tile-n">{wordsDuration(stats.responseTotal.medianMs)}</span>
              <span className="tile-l">trung vị nhận tin → lực lượng đầu tiên tới nơi ({count(stats.responseTotal.measured)} sự việc)</span>
            </div>
            <div className="tile">
              <span className="tile-n">{wordsDuration(stats.responseTotal.p90Ms)}</span>
              <span className="tile-l">90 % sự việc có lực lượng tới nơi trong khoảng này</span>
            </div>
            {stats.standards
              .filter((s) => s.key === 'processing' || s.key === 'shown')
              .map((s) => (
                <div key={s.key} className={`tile ${s.withinShare !== null && s.withinShare < 0.9 ? 'tile-bad' : ''}`}>
                  <span className="tile-n">{percent(s.withinShare)}</span>
                  <span className="tile-l">
                    {s.label} đạt chuẩn ({s.standard})
                  </span>
                </div>
              ))}
          </div>

          <div className="stats-grid">
            <DayChart
              title="Số sự việc theo ngày"
              days={dayList}
              barsFirst
              series={[
                { name: 'Tất cả sự việc', color: 'var(--chart-1)', values: perDay },
                { name: 'Tội phạm, trật tự công cộng', color: 'var(--chart-2)', values: crimePerDay },
              ]}
              head={['Ngày', 'Số sự việc']}
            />
            <HBarChart
              title="Theo loại sự việc (so với kỳ trước)"
              bars={[
                ...stats.byType.map((t) => ({ label: t.label, value: t.count, display: `${count(t.count)} (${change(t.count, t.previous)})` })),
                ...stats.previous.byType.map((t) => ({ label: t.label, value: 0, display: `0 (▼ 100 %)` })),
              ]}
              head={['Loại', 'Số sự việc (thay đổi)']}
            />
            <HBarChart
              title="Tỷ lệ đạt chuẩn thời gian (mục tiêu 90 %)"
              bars={stats.standards.map((s) => ({
                label: STEP_SHORT[s.key] ?? s.label,
                value: (s.withinShare ?? 0) * 100,
                display: s.withinShare === null ? 'chưa có' : percent(s.withinShare),
                color: s.withinShare !== null && s.withinShare < 0.9 ? 'var(--chart-bad)' : 'var(--chart-ok)',
              }))}
              max={100}
              target={{ value: 90, label: '90 %' }}
              head={['Chuẩn', 'Tỷ lệ đạt']}
            />
            <HBarChart
              title="Xã/phường có nhiều sự việc nhất"
              bars={stats.byWard.slice(0, 10).map((w) => ({ label: w.wardCode ? (names[w.wardCode] ?? w.wardCode) : 'Chưa xác định', value: w.count }))}
              head={['Xã/phường', 'Số sự việc']}
            />
            <HBarChart title="Theo nguồn tin" bars={stats.bySource.map((s) => ({ label: INCIDENT_SOURCE_LABELS[s.source as IncidentSource] ?? s.source, value: s.count }))} head={['Nguồn', 'Số sự việc']} />
            <HBarChart title="Theo trạng thái" bars={stats.byStatus.map((s) => ({ label: INCIDENT_STATUS_LABELS[s.status as IncidentStatus] ?? s.status, value: s.count }))} head={['Trạng thái', 'Số sự việc']} />
          </div>

          <h3 className="stats-h">Thời gian xử lý so với chuẩn</h3>
          <div className="table-wrap">
            <table className="data data-compact">
              <thead>
                <tr>
                  <th scope="col">Bước</th>
                  <th scope="col">Chuẩn</th>
                  <th scope="col">Số đo</th>
                  <th scope="col">Trung vị</th>
                  <th scope="col">Phân vị 90</th>
                  <th scope="col">Tỷ lệ đạt</th>
                </tr>
              </thead>
              <tbody>
                {stats.standards.map((s) => (
                  <tr key={s.key}>
                    <th scope="row">{s.label}</th>
                    <td>{s.standard}</td>
                    <td>{count(s.measured)}</td>
                    <td>{wordsDuration(s.medianMs)}</td>
                    <td>{wordsDuration(s.p90Ms)}</td>
                    <td className={s.withinShare !== null && s.withinShare < 0.9 ? 'cell-bad' : ''}>{percent(s.withinShare)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="muted small">
            Các chuẩn NFPA được nêu dưới dạng «90 % số sự việc trong giới hạn»; tỷ lệ dưới 90 % được tô đỏ. Thời gian tính từ các mốc ghi trong nhật ký sự việc.
          </p>
        </>
      )}
    </div>
  );
}
