import type { World } from '../data/world.js';

/** A demo login and the distributor it belongs to. */
export interface DemoAccount {
  /** Login name, also the distributor's UserName. */
  readonly username: string;
  /** Password (demo accounts only; never echoed in responses). */
  readonly password: string;
  /** ID of the account's distributor. */
  readonly distributorId: string;
  /** Which demo distributor: 'A' or 'B'. */
  readonly distributor: 'A' | 'B';
}

/** The two demo accounts: demo/demo (distributor A) and demo2/demo2 (distributor B). */
export function createAccounts(world: World): readonly DemoAccount[] {
  const [a, b] = world.distributors;
  if (!a || !b) throw new Error('the world must have two distributors');
  return Object.freeze([
    Object.freeze({ username: 'demo', password: 'demo', distributorId: a.ID, distributor: 'A' as const }),
    Object.freeze({ username: 'demo2', password: 'demo2', distributorId: b.ID, distributor: 'B' as const }),
  ]);
}
