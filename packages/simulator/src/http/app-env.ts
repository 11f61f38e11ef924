import type { DemoAccount } from '../auth/accounts.js';

/** Hono environment of the simulator: what authentication leaves on the context. */
export interface AppEnv {
  Variables: {
    /** The account the access token belongs to. */
    account: DemoAccount;
    /** The access token of the request. */
    accessToken: string;
  };
}
