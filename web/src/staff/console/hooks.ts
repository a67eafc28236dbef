import { useCallback, useEffect, useState } from 'react';
import { errorMessage } from '../../api.ts';
import type { LiveEvent } from './types.ts';

/** The server's time now (local clock + measured offset), re-rendering every `everyMs`. */
export function useNow(offsetMs: number, everyMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(t);
  }, [everyMs]);
  return now + offsetMs;
}

// Alert tones through the Web Audio API (no audio files; CSP self-only). Browsers only let a page start
// sound after a user gesture, so the context is created on the first click or key press.
let ctx: AudioContext | null = null;

export function unlockAudio() {
  if (ctx || typeof AudioContext === 'undefined') return;
  try {
    ctx = new AudioContext();
  } catch {
    ctx = null;
  }
}

/** Two short tones (urgent: three, higher). Silent until a gesture unlocked audio. */
export function beep(urgent: boolean) {
  if (!ctx) return;
  void ctx.resume().catch(() => undefined);
  const t0 = ctx.currentTime;
  const tones = urgent ? [988, 784, 988] : [784, 659];
  tones.forEach((f, i) => {
    const osc = ctx!.createOscillator();
    const gain = ctx!.createGain();
    osc.type = 'square';
    osc.frequency.value = f;
    const start = t0 + i * 0.22;
    gain.gain.setValueAtTime(0.0001, start);
    gain.gain.exponentialRampToValueAtTime(0.12, start + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.18);
    osc.connect(gain).connect(ctx!.destination);
    osc.start(start);
    osc.stop(start + 0.2);
  });
}

/** True while the user types in a field: single-key shortcuts must not fire. */
export function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el || !el.tagName) return false;
  const tag = el.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || el.isContentEditable;
}

/**
 * A staff list read over HTTP and re-read (debounced) when a live event about it arrives. `version` is
 * bumped by each such event so that an open item re-reads itself too. `fetchList` should be memoised
 * (useCallback): a new one re-reads the list (filters changed).
 */
export function useLiveList<T>(
  fetchList: (signal: AbortSignal) => Promise<T[]>,
  subscribe: (h: (e: LiveEvent) => void) => () => void,
  concerns: (eventType: string) => boolean,
) {
  const [list, setList] = useState<T[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);

  const load = useCallback(() => {
    const c = new AbortController();
    fetchList(c.signal).then(
      (l) => {
        setList(l);
        setError(null);
      },
      (e) => {
        if (!c.signal.aborted) setError(errorMessage(e));
      },
    );
    return c;
  }, [fetchList]);

  useEffect(() => {
    const c = load();
    return () => c.abort();
  }, [load]);

  useEffect(() => {
    let t: ReturnType<typeof setTimeout> | null = null;
    const off = subscribe((e) => {
      if (!concerns(e.type)) return;
      if (t) clearTimeout(t);
      t = setTimeout(() => load(), 200);
      setVersion((v) => v + 1);
    });
    return () => {
      off();
      if (t) clearTimeout(t);
    };
  }, [subscribe, load, concerns]);

  return { list, error, version, reload: load };
}
