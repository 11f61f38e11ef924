/** Supplies bearer tokens to the request pipeline; one implementation per kind of authentication. */
export interface AuthStrategy {
  /** The token for the next request, or undefined when requests go unauthenticated. */
  getToken(signal?: AbortSignal): Promise<string | undefined>;
  /**
   * The API answered 401 to a request sent with `token`. Forget it so that the next `getToken`
   * fetches a fresh one. Returns false when a retry cannot help (nothing to renew).
   */
  invalidate(token: string): boolean;
  /** Everything secret this strategy knows, for redaction from errors. */
  secrets(): string[];
}

/** No authentication: for a proxy that adds credentials itself. */
export const noAuth: AuthStrategy = {
  getToken: async () => undefined,
  invalidate: () => false,
  secrets: () => [],
};
