/** One field error of a problem details answer. */
export interface FieldError {
  field: string;
  code: string;
  message?: string;
}

/**
 * An error answered by the API as RFC 9457 problem details
 * (`{type, title, status, detail, code, params?, errors?}`), or a transport failure.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly detail: string;
  readonly params: Record<string, unknown>;
  readonly errors: FieldError[];

  constructor(
    status: number,
    code: string,
    detail: string,
    params: Record<string, unknown> = {},
    errors: FieldError[] = [],
  ) {
    super(detail || code);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.detail = detail;
    this.params = params;
    this.errors = errors;
  }
}

const PROBLEM_TYPE_PREFIX = 'https://tianshu.io/problems/';

/**
 * Turns a response body into an ApiError. Accepts problem details (code from `code`, or derived
 * from `type`), and anything else (an HTML error page, an empty body) as a generic `http.<status>`.
 */
export function parseProblem(status: number, body: unknown, statusText = ''): ApiError {
  if (body && typeof body === 'object') {
    const p = body as Record<string, unknown>;
    let code = typeof p.code === 'string' ? p.code : undefined;
    if (!code && typeof p.type === 'string' && p.type.startsWith(PROBLEM_TYPE_PREFIX)) {
      code = p.type.slice(PROBLEM_TYPE_PREFIX.length);
    }
    const detail =
      typeof p.detail === 'string' ? p.detail : typeof p.title === 'string' ? p.title : statusText;
    const params = p.params && typeof p.params === 'object' ? (p.params as Record<string, unknown>) : {};
    const errors = Array.isArray(p.errors)
      ? p.errors
          .filter((e): e is Record<string, unknown> => !!e && typeof e === 'object')
          .map((e) => ({
            field: String(e.field ?? ''),
            code: String(e.code ?? ''),
            message: typeof e.message === 'string' ? e.message : undefined,
          }))
      : [];
    return new ApiError(status, code ?? `http.${status}`, detail, params, errors);
  }
  return new ApiError(
    status,
    `http.${status}`,
    typeof body === 'string' && body.length < 200 ? body : statusText,
  );
}
