/** A built web app served with the embedding proxy at /ct in front of an in-process simulator. */
export function serveAppWithProxy(options: { root: string; seed?: number }): Promise<{
  url: string;
  /** An online device of the demo account. */
  deviceId: string;
  close(): Promise<void>;
}>;
