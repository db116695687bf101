/** Splits an uptime in seconds into the two largest units worth showing (2 d 3 h, 5 min 10 s). */
export function uptimeParts(
  totalSeconds: number,
): { unit: 'days' | 'hours' | 'minutes' | 'seconds'; count: number }[] {
  const s = Math.max(0, Math.floor(totalSeconds));
  const parts = [
    { unit: 'days' as const, count: Math.floor(s / 86400) },
    { unit: 'hours' as const, count: Math.floor((s % 86400) / 3600) },
    { unit: 'minutes' as const, count: Math.floor((s % 3600) / 60) },
    { unit: 'seconds' as const, count: s % 60 },
  ];
  const first = parts.findIndex((p) => p.count > 0);
  if (first < 0) return [{ unit: 'seconds', count: 0 }];
  return parts.slice(first, first + 2).filter((p, i) => i === 0 || p.count > 0);
}
