// Seeded randomness shared by the evaluation set generators: the same seed always gives the same set.
import { uniformInt } from "pure-rand/distribution/uniformInt";
import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";

/** Seeded randomness on pure-rand's xoroshiro128+; everything random in the set goes through one instance. */
export class Random {
  private readonly rng: ReturnType<typeof xoroshiro128plus>;

  constructor(seed: number) {
    this.rng = xoroshiro128plus(seed);
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return uniformInt(this.rng, min, max);
  }

  chance(probability: number): boolean {
    return this.int(0, 9999) < probability * 10000;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error("pick from an empty list");
    return items[this.int(0, items.length - 1)];
  }

  shuffle<T>(items: readonly T[]): T[] {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = this.int(0, i);
      [copy[i], copy[j]] = [copy[j], copy[i]];
    }
    return copy;
  }

  /** Up to `count` distinct items, in random order. */
  sample<T>(items: readonly T[], count: number): T[] {
    return this.shuffle(items).slice(0, count);
  }
}

/** Picks values no other draw of the same scope has taken (names across the whole set, the rest per persona). */
export class Drawer {
  constructor(
    private readonly random: Random,
    private readonly taken: Set<string>,
  ) {}

  draw(pool: readonly string[]): string {
    const value = this.tryDraw(pool);
    if (value === null) throw new Error("every value of this pool is taken");
    return value;
  }

  tryDraw(pool: readonly string[]): string | null {
    const free = pool.filter((item) => !this.taken.has(item));
    if (free.length === 0) return null;
    const value = this.random.pick(free);
    this.taken.add(value);
    return value;
  }
}
