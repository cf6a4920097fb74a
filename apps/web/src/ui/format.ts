/** Dates shown French-style (dd/mm/yyyy) in every language. */

/** "2026-03-09" → "09/03/2026"; anything else is shown as is. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  // A full timestamp is shown in local time; a plain date is never shifted by time zones.
  if (iso.length > 10) return new Intl.DateTimeFormat('fr-FR', { day: '2-digit', month: '2-digit', year: 'numeric' }).format(new Date(iso));
  return `${m[3]}/${m[2]}/${m[1]}`;
}

/** An ISO timestamp → "09/03/2026 14:05" in local time. */
export function formatDateTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const date = new Intl.DateTimeFormat('fr-FR', { day: '2-digit', month: '2-digit', year: 'numeric' }).format(d);
  const time = new Intl.DateTimeFormat('fr-FR', { hour: '2-digit', minute: '2-digit' }).format(d);
  return `${date} ${time}`;
}

/** Now as "yyyy-mm-ddThh:mm" in local time, the value a datetime-local input takes. */
export function nowForInput(): string {
  const d = new Date();
  d.setMinutes(d.getMinutes() - d.getTimezoneOffset());
  return d.toISOString().slice(0, 16);
}

/** Today as "yyyy-mm-dd" in local time. */
export function todayIso(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** "a, b , c" → ["a", "b", "c"] (empty items dropped). */
export function splitList(text: string): string[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

export function joinList(items: readonly string[]): string {
  return items.join(', ');
}

/** A trimmed string, or null when empty (for optional API fields). */
export function orNull(text: string): string | null {
  const t = text.trim();
  return t === '' ? null : t;
}

/** A rate between 0 and 1 → "42 %" (locale-aware); null when there is nothing to divide. */
export function formatPercent(rate: number | null | undefined, locale: string): string | null {
  if (rate === null || rate === undefined || Number.isNaN(rate)) return null;
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(rate);
}

/** A number with the locale's separators ("1,5" in French). */
export function formatNumber(n: number, locale: string): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(n);
}

/** The date "days" days before today, as "yyyy-mm-dd" in local time. */
export function daysAgoIso(days: number): string {
  const d = new Date();
  d.setDate(d.getDate() - days);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** "2026-03-09" plus n days → "2026-03-10" (calendar arithmetic, no time zone shift). */
export function addDaysIso(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
