// CARBONTRACK_ALLOWED_ORIGINS: the other origins whose pages may call the playground's proxy, so a
// partner can try a copied embed snippet from their own page. No imports: `pnpm start` checks it
// before building anything.

/**
 * Parses a comma-separated list of origins into the proxy's `allowedOrigins`. Each entry must be
 * exactly what a browser sends in `Origin` (`scheme://host[:port]`, http or https, no path), since
 * the proxy compares them as strings; anything else throws an Error that names the entry.
 * @param {string | undefined} value
 * @param {string} [name] The variable's name, for the message.
 * @returns {string[]}
 */
export function parseAllowedOrigins(value, name = 'CARBONTRACK_ALLOWED_ORIGINS') {
  if (value === undefined || value.trim() === '') return [];
  return value.split(',').map((raw, index) => {
    const entry = raw.trim();
    const problem = originProblem(entry);
    if (problem) {
      throw new Error(
        `${name} entry ${index + 1} (${JSON.stringify(entry)}) ${problem}; expected a comma-separated list of origins such as http://127.0.0.1:8080,https://portal.example`,
      );
    }
    return entry;
  });
}

/** Why `entry` is not a serialized http(s) origin, or undefined when it is one. */
function originProblem(entry) {
  if (entry === '') return 'is empty';
  if (entry === '*') return 'is a wildcard, which the proxy does not accept: list each origin';
  let url;
  try {
    url = new URL(entry);
  } catch {
    return 'is not a URL';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return `has the scheme ${url.protocol} (use http or https)`;
  if (url.origin !== entry) return `is not an origin as browsers send it: use ${url.origin}`;
  return undefined;
}
