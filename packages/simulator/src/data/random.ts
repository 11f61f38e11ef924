// Small seeded randomness: everything the simulator invents is derived from the seed through these
// functions, so the same seed gives the same world and the same measurements.

/** A 32-bit hash of a string (FNV-1a with a murmur3 finaliser), optionally salted with a seed. */
export function hashString(text: string, seed = 0): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return fmix(h);
}

/** A 32-bit hash of two integers, for noise knots and per-record values (no string building). */
export function hashInts(a: number, b: number): number {
  return fmix(fmix((a ^ 0x9e3779b9) >>> 0) ^ (b | 0));
}

/** Derives an independent 32-bit stream seed from a base seed and a list of keys. */
export function streamSeed(seed: number, ...keys: ReadonlyArray<string | number>): number {
  return hashString(keys.join('\u0001'), seed);
}

/** Uniform value in [0, 1) from a 32-bit hash. */
export function unit(hash: number): number {
  return (hash >>> 0) / 0x100000000;
}

/**
 * Smooth value noise in [0, 1): random knots at integer `x`, joined with smoothstep so the value
 * and its slope have no jumps (clouds, load and temperature drift without steps).
 */
export function valueNoise(seed: number, x: number): number {
  const knot = Math.floor(x);
  const f = x - knot;
  const a = unit(hashInts(seed, knot));
  const b = unit(hashInts(seed, knot + 1));
  const s = f * f * (3 - 2 * f);
  return a + (b - a) * s;
}

/** A seeded pseudo-random generator (mulberry32) with a few helpers. */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 0x100000000;
  }

  /** Uniform integer in [min, max] (inclusive). */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** Uniform float in [min, max). */
  float(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }

  /** A UUID-formatted string (version 4 layout) drawn from this stream. */
  uuid(): string {
    return uuidFromWords([this.word(), this.word(), this.word(), this.word()]);
  }

  private word(): number {
    return Math.floor(this.next() * 0x100000000) >>> 0;
  }
}

/** Formats four 32-bit words as a UUID with version 4 and RFC 4122 variant bits. */
export function uuidFromWords(words: readonly [number, number, number, number]): string {
  const [a, b, c, d] = words;
  const w1 = hex8(((b & 0xffff0fff) | 0x00004000) >>> 0);
  return `${hex8(a)}-${w1.slice(0, 4)}-${w1.slice(4)}-${uuidTail(c, d)}`;
}

/** The last two groups of {@link uuidFromWords} (words c and d), for callers that reuse a prefix. */
export function uuidTail(c: number, d: number): string {
  const w2 = hex8(((c & 0x3fffffff) | 0x80000000) >>> 0);
  return `${w2.slice(0, 4)}-${w2.slice(4)}${hex8(d)}`;
}

function hex8(n: number): string {
  return (n >>> 0).toString(16).padStart(8, '0');
}

function fmix(input: number): number {
  let h = input >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
