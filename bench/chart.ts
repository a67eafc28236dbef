import type { BenchRow } from './harness.ts';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A small grouped bar chart (value vs baseline per metric), as standalone SVG. */
export function renderChart(title: string, rows: BenchRow[]): string {
  const barH = 18;
  const gap = 14;
  const labelW = 260;
  const plotW = 420;
  const h = 40 + rows.length * (barH * 2 + gap) + 30;
  const parts: string[] = [];
  parts.push(`<text x="10" y="22" font-size="15" font-weight="bold">${esc(title)}</text>`);
  rows.forEach((r, i) => {
    const y = 40 + i * (barH * 2 + gap);
    const max = Math.max(r.value, r.baselineValue) || 1;
    const w1 = (r.value / max) * plotW;
    const w2 = (r.baselineValue / max) * plotW;
    parts.push(`<text x="10" y="${y + barH + 4}" font-size="12">${esc(`${r.metric} (${r.unit})`)}</text>`);
    parts.push(`<rect x="${labelW}" y="${y}" width="${w1.toFixed(1)}" height="${barH - 2}" fill="#c62828"/>`);
    parts.push(`<text x="${labelW + w1 + 4}" y="${y + 13}" font-size="11">${r.value.toFixed(2)} Bình Yên</text>`);
    parts.push(`<rect x="${labelW}" y="${y + barH}" width="${w2.toFixed(1)}" height="${barH - 2}" fill="#90a4ae"/>`);
    parts.push(`<text x="${labelW + w2 + 4}" y="${y + barH + 13}" font-size="11">${r.baselineValue.toFixed(2)} ${esc(r.baseline)}</text>`);
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${labelW + plotW + 260}" height="${h}" font-family="sans-serif">${parts.join('')}</svg>\n`;
}
