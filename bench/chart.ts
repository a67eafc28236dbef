import type { BenchRow } from './harness.ts';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Rough width of a line of 12 px sans-serif text (SVG has no layout; this keeps labels clear of the bars). */
const textW = (s: string, px: number) => Math.ceil(s.length * px * 0.56);

const fmt = (n: number) => (Math.abs(n) >= 100 ? n.toFixed(0) : n.toFixed(2));

/**
 * A small grouped bar chart, as standalone SVG: per metric, this project's value (red) beside its baseline (grey),
 * the baseline named once in a legend so value labels stay short.
 */
export function renderChart(title: string, rows: BenchRow[]): string {
  const barH = 18;
  const gap = 16;
  const plotW = 360;
  const labelW = Math.max(200, ...rows.map((r) => textW(`${r.metric} (${r.unit})`, 12))) + 16;
  const baselines = [...new Set(rows.map((r) => r.baseline))];
  const top = 40 + baselines.length * 16 + 20;
  const h = top + rows.length * (barH * 2 + gap) + 10;
  const w = labelW + plotW + 90;
  const parts: string[] = [];
  parts.push(`<rect width="${w}" height="${h}" fill="#fff"/>`);
  parts.push(`<text x="10" y="22" font-size="15" font-weight="bold">${esc(title)}</text>`);
  parts.push(`<rect x="10" y="32" width="12" height="12" fill="#c62828"/><text x="28" y="42" font-size="12">Bình Yên</text>`);
  baselines.forEach((b, i) => {
    const y = 48 + i * 16;
    parts.push(`<rect x="10" y="${y}" width="12" height="12" fill="#90a4ae"/><text x="28" y="${y + 10}" font-size="12">baseline: ${esc(b)}</text>`);
  });
  rows.forEach((r, i) => {
    const y = top + i * (barH * 2 + gap);
    const max = Math.max(r.value, r.baselineValue, 0) || 1;
    const w1 = (Math.max(0, r.value) / max) * plotW;
    const w2 = (Math.max(0, r.baselineValue) / max) * plotW;
    parts.push(`<text x="10" y="${y + barH + 4}" font-size="12">${esc(`${r.metric} (${r.unit})`)}</text>`);
    parts.push(`<rect x="${labelW}" y="${y}" width="${w1.toFixed(1)}" height="${barH - 2}" fill="#c62828"/>`);
    parts.push(`<text x="${(labelW + w1 + 4).toFixed(1)}" y="${y + 13}" font-size="11">${fmt(r.value)}</text>`);
    parts.push(`<rect x="${labelW}" y="${y + barH}" width="${w2.toFixed(1)}" height="${barH - 2}" fill="#90a4ae"/>`);
    parts.push(`<text x="${(labelW + w2 + 4).toFixed(1)}" y="${y + barH + 13}" font-size="11">${fmt(r.baselineValue)}</text>`);
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" font-family="sans-serif">${parts.join('')}</svg>\n`;
}
