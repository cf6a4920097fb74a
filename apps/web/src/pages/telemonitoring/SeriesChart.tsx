import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, formatDateTime } from '../../ui/format';
import type { AlertPoint, Severity } from '../../api';

export interface ChartLine {
  value: number;
  label: string;
  kind: 'threshold' | 'reference';
}

export interface ChartMarker {
  at: string;
  value: number;
  severity: Severity;
  label: string;
}

const W = 720;
const PAD = { left: 56, right: 16, top: 22, bottom: 34 };
const DAY = 86_400_000;

/** Round tick values covering [lo, hi]: steps of 1, 2 or 5 × 10^k. */
export function niceTicks(lo: number, hi: number, count = 5): number[] {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) out.push(Number(v.toFixed(10)));
  return out;
}

/**
 * One parameter over time, drawn in SVG: the measurements, the limits the rules use (thresholds, the person's
 * reference) and the alerts raised. The same data is given as a table for screen readers and for reading exact values.
 */
export function SeriesChart({
  title,
  unit,
  decimals,
  points,
  from,
  to,
  lines = [],
  markers = [],
  height = 220,
  compact = false,
}: {
  title: string;
  unit: string;
  decimals: number;
  points: AlertPoint[];
  from: string;
  to: string;
  lines?: ChartLine[];
  markers?: ChartMarker[];
  height?: number;
  /** In an alert card: no table, fewer ticks. */
  compact?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const fmt = (v: number) => new Intl.NumberFormat(i18n.language, { minimumFractionDigits: decimals, maximumFractionDigits: decimals }).format(v);
  const x0 = Date.parse(from);
  const x1 = Math.max(Date.parse(to), x0 + DAY);
  const values = [...points.map((p) => p.value), ...lines.map((l) => l.value), ...markers.map((m) => m.value)];
  let lo = values.length ? Math.min(...values) : 0;
  let hi = values.length ? Math.max(...values) : 1;
  const pad = Math.max((hi - lo) * 0.08, 10 ** -decimals);
  lo -= pad;
  hi += pad;
  const yTicks = niceTicks(lo, hi, compact ? 3 : 5);
  lo = Math.min(lo, yTicks[0] ?? lo);
  hi = Math.max(hi, yTicks[yTicks.length - 1] ?? hi);
  const H = height;
  const px = (at: string) => PAD.left + ((Date.parse(at) - x0) / (x1 - x0)) * (W - PAD.left - PAD.right);
  const py = (v: number) => PAD.top + (1 - (v - lo) / (hi - lo)) * (H - PAD.top - PAD.bottom);
  const spanDays = (x1 - x0) / DAY;
  const stepDays = spanDays <= 10 ? 1 : spanDays <= 35 ? 7 : spanDays <= 120 ? 14 : 30;
  const xTicks: number[] = [];
  const firstMidnight = new Date(x0);
  firstMidnight.setHours(0, 0, 0, 0);
  for (let v = firstMidnight.getTime() + DAY; v <= x1; v += stepDays * DAY) xTicks.push(v);
  const inRange = points.filter((p) => Date.parse(p.at) >= x0 && Date.parse(p.at) <= x1);
  // A gap of more than 2 days breaks the line: missing data is not drawn as if it had been measured.
  const segments: AlertPoint[][] = [];
  for (const p of inRange) {
    const last = segments[segments.length - 1];
    const prev = last?.[last.length - 1];
    if (last && prev && Date.parse(p.at) - Date.parse(prev.at) <= 2 * DAY) last.push(p);
    else segments.push([p]);
  }
  const summary = t('tm.chart.summary', {
    count: inRange.length,
    from: formatDate(new Date(x0).toISOString()),
    to: formatDate(new Date(x1).toISOString()),
    min: inRange.length ? fmt(Math.min(...inRange.map((p) => p.value))) : '–',
    max: inRange.length ? fmt(Math.max(...inRange.map((p) => p.value))) : '–',
    unit,
    alerts: markers.length,
  });

  return (
    <figure className="tm-chart">
      <figcaption id={`${id}-title`} className="tm-chart-title">
        {title} <span className="tm-chart-unit">({unit})</span>
      </figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={`${id}-title ${id}-desc`} preserveAspectRatio="xMidYMid meet">
        <desc id={`${id}-desc`}>{summary}</desc>
        {yTicks.map((v) => (
          <g key={`y${v}`}>
            <line x1={PAD.left} x2={W - PAD.right} y1={py(v)} y2={py(v)} className="tm-grid" />
            <text x={PAD.left - 6} y={py(v) + 4} textAnchor="end" className="tm-tick">
              {fmt(v)}
            </text>
          </g>
        ))}
        {xTicks.map((v) => (
          <text key={`x${v}`} x={px(new Date(v).toISOString())} y={H - 10} textAnchor="middle" className="tm-tick">
            {new Intl.DateTimeFormat('fr-FR', { day: '2-digit', month: '2-digit' }).format(new Date(v))}
          </text>
        ))}
        {lines.map((l, k) => (
          <g key={`l${k}`}>
            <line x1={PAD.left} x2={W - PAD.right} y1={py(l.value)} y2={py(l.value)} className={`tm-line-${l.kind}`} />
            <text x={PAD.left + 6} y={py(l.value) - 4} textAnchor="start" className={`tm-line-label tm-line-label-${l.kind}`}>
              {l.label}
            </text>
          </g>
        ))}
        {segments.map((s, k) =>
          s.length > 1 ? <polyline key={`s${k}`} className="tm-series" points={s.map((p) => `${px(p.at)},${py(p.value)}`).join(' ')} /> : null,
        )}
        {inRange.map((p, k) => (
          <circle key={`p${k}`} cx={px(p.at)} cy={py(p.value)} r={compact ? 3 : 2.5} className="tm-point" />
        ))}
        {markers.map((m, k) => {
          const cx = px(m.at);
          const cy = py(m.value);
          return (
            <g key={`m${k}`} className={`tm-marker tm-marker-${m.severity}`}>
              <title>{m.label}</title>
              <path d={`M ${cx} ${cy - 9} L ${cx + 7} ${cy + 4} L ${cx - 7} ${cy + 4} Z`} />
            </g>
          );
        })}
        <line x1={PAD.left} x2={PAD.left} y1={PAD.top} y2={H - PAD.bottom} className="tm-axis" />
        <line x1={PAD.left} x2={W - PAD.right} y1={H - PAD.bottom} y2={H - PAD.bottom} className="tm-axis" />
      </svg>
      {!compact && (
        <details className="tm-chart-table">
          <summary>{t('tm.chart.showValues', { title })}</summary>
          <table>
            <caption className="visually-hidden">{title}</caption>
            <thead>
              <tr>
                <th scope="col">{t('tm.chart.when')}</th>
                <th scope="col">{t('tm.chart.value', { unit })}</th>
              </tr>
            </thead>
            <tbody>
              {[...inRange].reverse().map((p, k) => (
                <tr key={k}>
                  <td>{formatDateTime(p.at)}</td>
                  <td>{fmt(p.value)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}
    </figure>
  );
}
