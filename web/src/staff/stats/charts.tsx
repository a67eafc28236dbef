import { useId, type ReactNode } from 'react';

// Hand-written SVG charts. The statistics view needs four simple shapes (horizontal bars, vertical bars
// over days, lines over days, a share against a target); a chart library would add 100–200 kB to a page
// that dispatchers keep open all day and bring its own styling and tooltips to fight with, for no chart we
// cannot draw in a few dozen lines. Every chart carries a text summary and its numbers as a table.

export interface Bar {
  label: string;
  value: number;
  /** Shown beside the bar instead of the raw value. */
  display?: string;
  color?: string;
}

function niceMax(v: number): number {
  if (v <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= v) return m * p;
  return 10 * p;
}

function DataTable({ head, rows }: { head: [string, string]; rows: Array<[string, string]> }) {
  return (
    <details className="chart-table">
      <summary>Xem bảng số liệu</summary>
      <table>
        <thead>
          <tr>
            <th scope="col">{head[0]}</th>
            <th scope="col">{head[1]}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([a, b], i) => (
            <tr key={i}>
              <th scope="row">{a}</th>
              <td>{b}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

/** Horizontal bars with labels on the left; optional target line (e.g. 90 %) when max is given. */
export function HBarChart({ title, bars, max, target, head, width = 520 }: { title: string; bars: Bar[]; max?: number; target?: { value: number; label: string }; head: [string, string]; width?: number }) {
  const labelW = 190;
  const valueW = 70;
  const rowH = 22;
  const top = target ? 16 : 4;
  const h = top + bars.length * rowH + 4;
  const m = max ?? niceMax(Math.max(0, ...bars.map((b) => b.value)));
  const plotW = width - labelW - valueW;
  const x = (v: number) => labelW + (Math.max(0, v) / m) * plotW;
  const summary = `${title}: ${bars.map((b) => `${b.label} ${b.display ?? b.value}`).join('; ')}`;
  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      {bars.length === 0 ? (
        <p className="muted small">Chưa có số liệu trong khoảng thời gian này.</p>
      ) : (
        <svg viewBox={`0 0 ${width} ${h}`} role="img" aria-label={summary} className="chart-svg">
          {bars.map((b, i) => {
            const y = top + i * rowH;
            return (
              <g key={b.label}>
                <text x={labelW - 6} y={y + rowH / 2 + 4} textAnchor="end" className="chart-label">
                  {b.label.length > 30 ? `${b.label.slice(0, 29)}…` : b.label}
                </text>
                <rect x={labelW} y={y + 3} width={Math.max(1, x(b.value) - labelW)} height={rowH - 6} rx={2} fill={b.color ?? 'var(--chart-1)'} />
                <text x={x(b.value) + 5} y={y + rowH / 2 + 4} className="chart-value">
                  {b.display ?? b.value.toLocaleString('vi-VN')}
                </text>
              </g>
            );
          })}
          {target && (
            <g>
              <line x1={x(target.value)} x2={x(target.value)} y1={10} y2={h - 2} className="chart-target" />
              <text x={x(target.value)} y={9} textAnchor="middle" className="chart-target-label">
                {target.label}
              </text>
            </g>
          )}
        </svg>
      )}
      <DataTable head={head} rows={bars.map((b) => [b.label, b.display ?? b.value.toLocaleString('vi-VN')])} />
    </figure>
  );
}

export interface Series {
  name: string;
  color: string;
  values: number[];
}

/** Lines (or bars for the first series when `barsFirst`) over consecutive days. */
export function DayChart({ title, days, series, barsFirst = false, head, width = 640, note }: { title: string; days: string[]; series: Series[]; barsFirst?: boolean; head: [string, string]; width?: number; note?: ReactNode }) {
  const id = useId();
  const h = 180;
  const left = 34;
  const right = 8;
  const top = 10;
  const bottom = 26;
  const plotW = width - left - right;
  const plotH = h - top - bottom;
  const m = niceMax(Math.max(0, ...series.flatMap((s) => s.values)));
  const n = Math.max(1, days.length);
  const step = plotW / n;
  const x = (i: number) => left + step * (i + 0.5);
  const y = (v: number) => top + plotH - (v / m) * plotH;
  const ticks = [0, m / 2, m];
  const labelEvery = Math.ceil(n / 10);
  const summary = `${title}: ${series.map((s) => `${s.name} tổng ${s.values.reduce((a, b) => a + b, 0)}`).join('; ')} trong ${days.length} ngày`;
  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      <svg viewBox={`0 0 ${width} ${h}`} role="img" aria-label={summary} className="chart-svg">
        {ticks.map((t) => (
          <g key={t}>
            <line x1={left} x2={width - right} y1={y(t)} y2={y(t)} className="chart-grid" />
            <text x={left - 5} y={y(t) + 4} textAnchor="end" className="chart-axis">
              {Number.isInteger(t) ? t : t.toFixed(1)}
            </text>
          </g>
        ))}
        {days.map((d, i) =>
          i % labelEvery === 0 ? (
            <text key={d} x={x(i)} y={h - 8} textAnchor="middle" className="chart-axis">
              {d.slice(8, 10)}/{d.slice(5, 7)}
            </text>
          ) : null,
        )}
        {series.map((s, si) =>
          barsFirst && si === 0 ? (
            <g key={s.name}>
              {s.values.map((v, i) => (
                <rect key={i} x={x(i) - step * 0.35} width={step * 0.7} y={y(v)} height={Math.max(0, top + plotH - y(v))} fill={s.color} opacity={0.8} />
              ))}
            </g>
          ) : (
            <g key={s.name}>
              <polyline points={s.values.map((v, i) => `${x(i)},${y(v)}`).join(' ')} fill="none" stroke={s.color} strokeWidth={2} />
              {n <= 45 && s.values.map((v, i) => <circle key={i} cx={x(i)} cy={y(v)} r={2.5} fill={s.color} />)}
            </g>
          ),
        )}
      </svg>
      <p className="chart-legend" id={id}>
        {series.map((s) => (
          <span key={s.name}>
            <span className="chart-swatch" style={{ background: s.color }} aria-hidden="true" /> {s.name}
          </span>
        ))}
        {note}
      </p>
      <DataTable head={head} rows={days.map((d, i) => [`${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`, series.map((s) => `${s.name}: ${s.values[i] ?? 0}`).join(' · ')])} />
    </figure>
  );
}
