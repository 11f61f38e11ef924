/** The tokens the client holds, as given to `onTokens` and accepted back as `tokens`. */
export interface CarbonTrackTokens {
  /** Bearer token for API requests. */
  accessToken: string;
  /** Token for the refresh_token grant, when the API issued one. */
  refreshToken?: string | undefined;
  /** When the access token expires, in epoch milliseconds (client clock). */
  expiresAt: number;
}

/** The Authentication Object returned by `POST /oauth/token`. */
export interface TokenResponse {
  access_token: string;
  issued_at: number;
  token_type: string;
  expires_in: number;
  refresh_token?: string;
}
