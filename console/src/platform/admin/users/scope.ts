import type { Scope } from '../../../api/admin';

/** `payments / prod`, `payments`, `prod`, or '' for an assignment that applies everywhere. */
export function scopeText(scope: Scope | null | undefined): string {
  return [scope?.businessSystem, scope?.environment].filter((p) => p && p.trim()).join(' / ');
}

/** The scope to send for the two inputs: null when both are blank (everywhere). */
export function scopeOf(businessSystem?: string, environment?: string): Scope | null {
  const system = businessSystem?.trim() || undefined;
  const env = environment?.trim() || undefined;
  return system || env ? { businessSystem: system, environment: env } : null;
}
