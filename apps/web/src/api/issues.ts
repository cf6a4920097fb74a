import type { FieldIssue } from '@presence/shared';
import { tDynamic } from '../i18n';
import { isApiError } from './client';

/** Turns client-side zod issues into the same {field, reason, message} shape the server answers. */
/** The part of a zod error this module reads (zod itself is a dependency of @presence/shared, not of the web app). */
interface SchemaError {
  issues: readonly { code: string; path: readonly PropertyKey[]; message: string }[];
}

export function zodToFieldIssues(error: SchemaError): FieldIssue[] {
  return error.issues.map((i) => {
    const params = (i as { params?: { reason?: string } }).params;
    const format = (i as { format?: string }).format;
    const reason = params?.reason ?? (i.code === 'invalid_format' ? `invalid_${format ?? 'format'}` : i.code);
    return { field: i.path.map(String).join('.'), reason, message: i.message };
  });
}

/** A French (or English) message for an issue: by field and reason, then by reason, else the server's own message. */
export function issueMessage(issue: FieldIssue): string {
  const segments = issue.field.split('.').filter((s) => s && !/^\d+$/.test(s));
  const last = segments[segments.length - 1] ?? '';
  return tDynamic(`errors.fields.${last}_${issue.reason}`) ?? tDynamic(`errors.reasons.${issue.reason}`) ?? issue.message;
}

/**
 * Maps issues onto form fields. A field the form does not know is tried without its trailing
 * segments ("attendanceDays.2" → "attendanceDays"); what still matches nothing is returned apart.
 */
export function mapIssues(issues: readonly FieldIssue[], isKnown: (field: string) => boolean): { fieldErrors: Record<string, string>; other: string[] } {
  const fieldErrors: Record<string, string> = {};
  const other: string[] = [];
  for (const issue of issues) {
    const parts = issue.field.split('.');
    let target: string | null = null;
    while (parts.length > 0) {
      const candidate = parts.join('.');
      if (isKnown(candidate)) {
        target = candidate;
        break;
      }
      parts.pop();
    }
    const message = issueMessage(issue);
    if (target === null) other.push(message);
    else fieldErrors[target] ??= message;
  }
  return { fieldErrors, other };
}

/** The server's messages about one field of a failed request, joined; undefined when there are none. */
export function fieldErrorOf(error: unknown, field: string): string | undefined {
  if (!isApiError(error)) return undefined;
  return (
    error.issues
      .filter((i) => i.field === field)
      .map(issueMessage)
      .join(' ') || undefined
  );
}
