// Alarm sound with the Web Audio API: no audio files (the CSP is self-only and nothing is downloaded).
// Browsers only start audio after a user gesture on the page; until then `beep` is silently a no-op and the
// panel shows the alarm visually (`audioReady()` tells whether sound can play).

type AudioContextCtor = typeof AudioContext;

let ctx: AudioContext | null = null;

function context(): AudioContext | null {
  if (ctx) return ctx;
  const Ctor = (globalThis as { AudioContext?: AudioContextCtor; webkitAudioContext?: AudioContextCtor }).AudioContext ??
    (globalThis as { webkitAudioContext?: AudioContextCtor }).webkitAudioContext;
  if (!Ctor) return null;
  try {
    ctx = new Ctor();
  } catch {
    ctx = null;
  }
  return ctx;
}

/** Call from a click or key handler so that later beeps may play. */
export function unlockAudio(): void {
  const c = context();
  if (c && c.state === 'suspended') void c.resume().catch(() => undefined);
}

export const audioReady = () => ctx?.state === 'running';

/** Three short two-tone pulses (about 1.2 s), loud enough to notice, short enough not to drown a phone call. */
export function beep(): void {
  const c = context();
  if (!c || c.state !== 'running') return;
  const t0 = c.currentTime + 0.02;
  for (let i = 0; i < 3; i++) {
    for (const [j, freq] of [1320, 880].entries()) {
      const start = t0 + i * 0.4 + j * 0.18;
      const osc = c.createOscillator();
      const gain = c.createGain();
      osc.type = 'square';
      osc.frequency.value = freq;
      gain.gain.setValueAtTime(0.0001, start);
      gain.gain.exponentialRampToValueAtTime(0.18, start + 0.01);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.16);
      osc.connect(gain).connect(c.destination);
      osc.start(start);
      osc.stop(start + 0.17);
    }
  }
}
