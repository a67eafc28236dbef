/**
 * The timestamp window: a message whose timestamp is too far from the receiver's clock is answered with NAK
 * (carrying the receiver's time, so that the panel can correct its clock). Defaults: 40 s past, 20 s future.
 */
export interface TimestampWindow {
  pastMs: number;
  futureMs: number;
}

export const DEFAULT_WINDOW: TimestampWindow = { pastMs: 40_000, futureMs: 20_000 };

export type WindowCheck = 'ok' | 'too-old' | 'too-new';

export function checkWindow(timestamp: Date, nowMs: number, window: TimestampWindow = DEFAULT_WINDOW): WindowCheck {
  const delta = timestamp.getTime() - nowMs;
  if (delta < -window.pastMs) return 'too-old';
  if (delta > window.futureMs) return 'too-new';
  return 'ok';
}
