/**
 * A small deterministic random generator (mulberry32): the same seed gives the same sequence on every run, for
 * training (the language engine's shuffles), the demo's scripted stream and the alarm simulator. Not for secrets:
 * use node:crypto for tokens, codes and keys.
 */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
