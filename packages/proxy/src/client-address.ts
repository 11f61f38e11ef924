/**
 * Which proxies in front of this one may be believed about the client's address.
 * - a number N: the last N hops are yours (a load balancer is 1): the client is the address
 *   N places from the right of `X-Forwarded-For`, the socket's own address counted as the first;
 * - a list of addresses: hops from these addresses are yours: the client is the first address,
 *   from the right, that is not in the list.
 * Without it (the default) the socket address is the client, and forwarding headers are ignored:
 * they are set by whoever sends the request, so believing them lets any client pick its own
 * rate-limit bucket.
 */
export type TrustProxy = number | readonly string[];

/**
 * The client's address for rate limiting: the socket's, or the one trusted proxies forwarded
 * (`X-Forwarded-For`, else `Forwarded: for=`).
 */
export function clientAddress(
  headers: Headers,
  socketAddress: string | undefined,
  trust: TrustProxy | undefined,
): string {
  const socket = normalise(socketAddress ?? 'unknown');
  if (trust === undefined || (typeof trust === 'number' && trust <= 0)) return socket;
  // Nearest hop last: [client, proxy1, …, socket].
  const chain = [...forwardedFor(headers), socket];
  if (typeof trust === 'number') return chain[Math.max(0, chain.length - 1 - trust)] ?? socket;
  const trusted = new Set(trust.map(normalise));
  for (let i = chain.length - 1; i >= 0; i--) {
    const hop = chain[i] as string;
    if (!trusted.has(hop)) return hop;
  }
  return chain[0] ?? socket;
}

function forwardedFor(headers: Headers): string[] {
  const xff = headers.get('X-Forwarded-For');
  if (xff)
    return xff
      .split(',')
      .map((part) => normalise(part.trim()))
      .filter(Boolean);
  const forwarded = headers.get('Forwarded');
  if (!forwarded) return [];
  const out: string[] = [];
  for (const element of forwarded.split(',')) {
    const match = /(?:^|;)\s*for=("?)([^";,]+)\1/i.exec(element);
    if (match?.[2]) out.push(normalise(match[2]));
  }
  return out;
}

// "[::1]:443" and "::ffff:10.0.0.1" name the same client as "::1" and "10.0.0.1".
function normalise(address: string): string {
  let a = address.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(a);
  if (bracketed?.[1]) a = bracketed[1];
  else if (/^\d+\.\d+\.\d+\.\d+:\d+$/.test(a)) a = a.slice(0, a.lastIndexOf(':'));
  if (a.startsWith('::ffff:') && a.includes('.')) a = a.slice(7);
  return a.toLowerCase();
}
