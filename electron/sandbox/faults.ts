// Seeded fault injection: each API call draws from one repeatable random sequence, so a test run
// with `--seed N` sees the same faults in the same order of calls. The 500-after-a-committed-sign
// fault draws from a stream of its own, so turning it on never shifts the other faults' dice.

export interface FaultRates {
  failRate: number;
  resetRate: number;
  loseResponseRate: number;
  failAfterSignRate: number;
}

export type FaultDecision = 'none' | 'reset' | 'fail' | 'lose-response';

/** mulberry32: tiny, fast, good enough to spread faults evenly; not for secrets. */
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

/** Derives the seed of the after-sign stream; any fixed odd constant keeps it apart from the first. */
const AFTER_SIGN_STREAM = 0x9e3779b9;

export class FaultPlan {
  private readonly random: () => number;
  private readonly afterSignRandom: () => number;

  constructor(
    private readonly rates: FaultRates,
    seed: number,
  ) {
    this.random = seededRandom(seed);
    this.afterSignRandom = seededRandom((seed ^ AFTER_SIGN_STREAM) >>> 0);
  }

  get active(): boolean {
    return this.rates.failRate > 0 || this.rates.resetRate > 0 || this.rates.loseResponseRate > 0;
  }

  /** Three draws per call, always, so one call's fate never shifts the next call's dice. */
  next(): FaultDecision {
    const reset = this.random() < this.rates.resetRate;
    const fail = this.random() < this.rates.failRate;
    const lose = this.random() < this.rates.loseResponseRate;
    if (reset) return 'reset';
    if (fail) return 'fail';
    if (lose) return 'lose-response';
    return 'none';
  }

  /** One draw per sign call that committed: answer it with a 500 anyway? */
  failAfterSign(): boolean {
    return this.afterSignRandom() < this.rates.failAfterSignRate;
  }
}
