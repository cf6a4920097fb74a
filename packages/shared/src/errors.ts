/** The closed set of error codes the API answers with. */
export const ERROR_CODES = [
  'validation_failed',
  'unauthenticated',
  'invalid_credentials',
  'too_many_attempts',
  'forbidden',
  'not_found',
  'conflict',
  'ai_feature_disabled',
  'person_objected',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface FieldIssue {
  /** Dotted path of the field, e.g. "birthDate" or "contacts.0.phone". */
  field: string;
  /** Machine-readable reason, e.g. "too_small", "invalid_format". */
  reason: string;
  /** Human-readable message (English; the web app translates by reason). */
  message: string;
}

export interface ApiErrorBody {
  error: {
    code: ErrorCode;
    message: string;
    requestId: string;
    issues?: FieldIssue[];
  };
}
