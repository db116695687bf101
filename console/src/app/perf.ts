declare global {
  interface Window {
    /** ms from navigation start until the first screen (login or shell) rendered. */
    __tianshuRenderedAt?: number;
  }
}

/** Records when the console first showed a usable screen (read by the end-to-end journeys). */
export function markRendered() {
  if (window.__tianshuRenderedAt === undefined) {
    window.__tianshuRenderedAt = Math.round(performance.now());
  }
}
