/**
 * Label matchers as Alertmanager writes them (`alertname=~"Disk.*"`, `env!="dev"`): parsing,
 * formatting, validation. Silences and inhibit rules use the quoted form; the drop/transform
 * rules of the server today read `name=value` with optional quotes (LabelMatcher.parse).
 */

export const MATCHER_OPS = ['=', '!=', '=~', '!~'] as const;
export type MatcherOp = (typeof MATCHER_OPS)[number];

export interface Matcher {
  name: string;
  op: MatcherOp;
  value: string;
}

/** Why a matcher is not one: an i18n key suffix under `event.matchers.errors`. */
export type MatcherError = 'empty' | 'syntax' | 'name' | 'regex' | 'quote';

export type ParseResult = { ok: true; matcher: Matcher } | { ok: false; error: MatcherError };

const NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const HEAD = /^\s*([^=!~\s"{},]+)\s*(=~|!~|!=|=)\s*/;

/** Un-escapes a double-quoted Alertmanager value (`\"`, `\\`, `\n`); null when unterminated. */
function unquote(text: string): { value: string; rest: string } | null {
  let value = '';
  for (let i = 1; i < text.length; i++) {
    const c = text[i];
    if (c === '\\' && i + 1 < text.length) {
      const n = text[++i];
      value += n === 'n' ? '\n' : n;
    } else if (c === '"') {
      return { value, rest: text.slice(i + 1) };
    } else value += c;
  }
  return null;
}

/** Parses one matcher, quoted (`name="value"`) or not (`name=value`); validates it too. */
export function parseMatcher(text: string): ParseResult {
  if (!text.trim()) return { ok: false, error: 'empty' };
  const head = HEAD.exec(text);
  if (!head) return { ok: false, error: 'syntax' };
  const rest = text.slice(head[0].length);
  let value: string;
  if (rest.startsWith('"')) {
    const q = unquote(rest);
    if (!q) return { ok: false, error: 'quote' };
    if (q.rest.trim()) return { ok: false, error: 'syntax' };
    value = q.value;
  } else {
    value = rest.trim();
  }
  const matcher: Matcher = { name: head[1], op: head[2] as MatcherOp, value };
  const error = validateMatcher(matcher);
  return error ? { ok: false, error } : { ok: true, matcher };
}

/** The first problem of a matcher built in a form, or null. */
export function validateMatcher(m: Matcher): MatcherError | null {
  if (!m.name) return 'empty';
  if (!NAME.test(m.name)) return 'name';
  if (m.op === '=~' || m.op === '!~') {
    try {
      new RegExp(`^(?:${m.value})$`);
    } catch {
      return 'regex';
    }
  }
  return null;
}

/** Alertmanager's form: the value double-quoted with `"`, `\` and newlines escaped. */
export function formatMatcher(m: Matcher): string {
  const escaped = m.value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
  return `${m.name}${m.op}"${escaped}"`;
}

/**
 * The form the server's drop/transform rules and the alert list filter read: `name=value`,
 * quoted only when the value has surrounding blanks (which the unquoted form would lose).
 */
export function formatPlainMatcher(m: Matcher): string {
  return m.value.trim() !== m.value ? `${m.name}${m.op}"${m.value}"` : `${m.name}${m.op}${m.value}`;
}

/**
 * Splits an Alertmanager matcher list (`{a="b", c=~"d,e"}` or `a=b, c=d`) into matchers,
 * respecting commas inside quotes; the first invalid part fails the whole list.
 */
export function parseMatcherList(
  text: string,
): { ok: true; matchers: Matcher[] } | { ok: false; error: MatcherError; part: string } {
  let body = text.trim();
  if (body.startsWith('{') && body.endsWith('}')) body = body.slice(1, -1);
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (quoted && c === '\\' && i + 1 < body.length) {
      current += c + body[++i];
      continue;
    }
    if (c === '"') quoted = !quoted;
    if (c === ',' && !quoted) {
      parts.push(current);
      current = '';
    } else current += c;
  }
  parts.push(current);
  const matchers: Matcher[] = [];
  for (const part of parts) {
    if (!part.trim()) continue;
    const r = parseMatcher(part);
    if (!r.ok) return { ok: false, error: r.error, part: part.trim() };
    matchers.push(r.matcher);
  }
  return { ok: true, matchers };
}

/** Whether the labels satisfy the matcher, as Alertmanager decides (anchored regex, missing = ""). */
export function matchesLabels(m: Matcher, labels: Record<string, string>): boolean {
  const actual = labels[m.name] ?? '';
  switch (m.op) {
    case '=':
      return actual === m.value;
    case '!=':
      return actual !== m.value;
    case '=~':
      return new RegExp(`^(?:${m.value})$`).test(actual);
    case '!~':
      return !new RegExp(`^(?:${m.value})$`).test(actual);
  }
}

/**
 * Equality matchers for "silence similar": every label of the alert except those that differ
 * between occurrences of the same problem anyway (volatile values), sorted, `alertname` first.
 */
export function matchersFromLabels(labels: Record<string, string>, skip: readonly string[] = []): Matcher[] {
  return Object.entries(labels)
    .filter(([name, value]) => value !== '' && !skip.includes(name) && NAME.test(name))
    .sort(([a], [b]) => (a === 'alertname' ? -1 : b === 'alertname' ? 1 : a.localeCompare(b)))
    .map(([name, value]) => ({ name, op: '=' as const, value }));
}
