/**
 * A small, fast, seeded pseudo-random generator shared by every Pacekit package, so that any
 * result that involves chance (restarts, fold splits, simulations, tie-breaking) is reproducible
 * from its seed. The generator is sfc32 (Chris Doty-Humphrey's "small fast counting" PRNG, from
 * PractRand), seeded through splitmix32 so that nearby seeds give unrelated streams.
 */
export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [0, n). */
  int(n: number): number;
  /** A float in [min, max). */
  uniform(min: number, max: number): number;
  /** A standard normal draw (Box–Muller). */
  normal(): number;
  /** Shuffles `array` in place (Fisher–Yates) and returns it. */
  shuffle<T>(array: T[]): T[];
  /**
   * A new generator derived from this one's seed and `salt` only: it does not consume this
   * generator's stream, so `fork(k)` gives the same stream whatever was drawn before.
   */
  fork(salt: number): Random;
}

function splitmix32(seed: number): () => number {
  let state = seed | 0;
  return () => {
    state = (state + 0x9e3779b9) | 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

function mixSeeds(seed: number, salt: number): number {
  const mix = splitmix32((Math.floor(seed) ^ Math.imul(Math.floor(salt) + 0x632be5ab, 0x27d4eb2d)) | 0);
  mix();
  return mix() | 0;
}

/**
 * Creates a seeded generator. The same seed always gives the same sequence, on every platform.
 *
 * @example
 * ```ts
 * const random = createRandom(42);
 * random.next(); // the same number every run
 * ```
 */
export function createRandom(seed: number): Random {
  const init = splitmix32(Math.floor(seed) ^ 0x5bd1e995);
  let a = init();
  let b = init();
  let c = init();
  let d = init();
  const next = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 12; i++) next();
  let spare: number | undefined;
  const random: Random = {
    next,
    int: (n) => Math.floor(next() * n),
    uniform: (min, max) => min + (max - min) * next(),
    normal: () => {
      if (spare !== undefined) {
        const value = spare;
        spare = undefined;
        return value;
      }
      let u = 0;
      while (u === 0) u = next();
      const v = next();
      const radius = Math.sqrt(-2 * Math.log(u));
      spare = radius * Math.sin(2 * Math.PI * v);
      return radius * Math.cos(2 * Math.PI * v);
    },
    shuffle: (array) => {
      for (let i = array.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        const tmp = array[i]!;
        array[i] = array[j]!;
        array[j] = tmp;
      }
      return array;
    },
    fork: (salt) => createRandom(mixSeeds(seed, salt)),
  };
  return random;
}
