/** Reads one cookie's value from a `document.cookie`-style string; undefined when absent. */
export function readCookie(name: string, cookies: string): string | undefined {
  for (const part of cookies.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) {
      return decodeURIComponent(part.slice(eq + 1).trim());
    }
  }
  return undefined;
}

/** The CSRF token the server set in the XSRF-TOKEN cookie (sent back as X-XSRF-TOKEN). */
export function csrfToken(): string | undefined {
  return typeof document === 'undefined' ? undefined : readCookie('XSRF-TOKEN', document.cookie);
}
