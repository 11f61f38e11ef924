import type { Context } from 'hono';
import type { World } from '../data/world.js';
import type { AppEnv } from '../http/app-env.js';

/** GET /ctapi/Distributor: the distributor of the authenticated account, as a one-element list. */
export function distributorRoute(world: World): (c: Context<AppEnv>) => Response {
  return (c) => {
    const account = c.get('account');
    return c.json(world.distributors.filter((d) => d.ID === account.distributorId));
  };
}
