/** What the origin policy decided for one request. */
export type OriginDecision =
  | { ok: true /** The origin to echo in `Access-Control-Allow-Origin`, if any. */; allowOrigin: string | undefined }
  | { ok: false; status: number; message: string };

/**
 * The proxy's origin rule. A request with an `Origin` passes only when that origin is one of the
 * proxy's own (`publicOrigins`) or an allowed one: `Host` is never proof of being same-origin,
 * since a DNS-rebinding page controls it. A request without an `Origin` (a server, curl, a
 * same-origin GET) passes. With `publicOrigins` set, the `Host` must be one of their hosts (400
 * otherwise), which stops a rebound name from reaching the proxy at all.
 */
export function checkOrigin(
  origin: string | null,
  url: URL,
  allowed: ReadonlySet<string>,
  publicOrigins: readonly string[] | undefined,
): OriginDecision {
  if (publicOrigins && !publicOrigins.some((o) => hostOf(o) === url.host.toLowerCase())) {
    return { ok: false, status: 400, message: 'This host name is not one the proxy serves.' };
  }
  if (origin === null) return { ok: true, allowOrigin: undefined };
  if (allowed.has(origin) || publicOrigins?.includes(origin)) return { ok: true, allowOrigin: origin };
  return { ok: false, status: 403, message: 'This origin may not use the proxy.' };
}

function hostOf(origin: string): string {
  try {
    return new URL(origin).host.toLowerCase();
  } catch {
    return '';
  }
}
