// The signed-in state of a run: the access token every /ctapi request carries, and one new password
// grant when a request meets a 401 (a short-lived token can expire in the middle of a run).
import type { ProbeHttp, ProbeOutcome, ProbeRequest } from './probe-http.js';
import type { Redactor } from './redactor.js';
import { type Credentials, passwordForm, requestGrant } from './token-grant.js';

// More than this and the 401s are not expiry: signing in again would only add load.
const MAX_REAUTHENTICATIONS = 2;

/** The access token of a run and the calls made with it. */
export class ProbeSession {
  /** The current access token; null until (or unless) the token step gets one. */
  accessToken: string | null = null;
  /** The path of the token endpoint found by the token step. */
  tokenPath: string | null = null;
  /** Password grants repeated after a 401. */
  reauthentications = 0;

  constructor(
    private readonly http: ProbeHttp,
    private readonly credentials: Credentials,
    private readonly redactor: Redactor,
  ) {}

  /** Whether requests carry an access token. */
  get authenticated(): boolean {
    return this.accessToken !== null;
  }

  /** Sends `request` with the access token; after a 401, signs in again once and resends. */
  async call(request: ProbeRequest): Promise<ProbeOutcome> {
    const outcome = await this.http.send({ ...request, token: this.accessToken });
    if (!outcome.ok || outcome.response.status !== 401 || !this.tokenPath || !this.accessToken) return outcome;
    if (this.reauthentications >= MAX_REAUTHENTICATIONS || this.http.remaining < 2) return outcome;
    this.reauthentications += 1;
    const { tokens } = await requestGrant(this.http, this.redactor, this.tokenPath, passwordForm(this.credentials));
    if (!tokens) return outcome;
    this.accessToken = tokens.accessToken;
    return this.http.send({ ...request, token: this.accessToken });
  }
}
