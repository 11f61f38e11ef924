/**
 * Removes every occurrence of the given secrets from a text. Error messages can quote what a
 * server sent back, and a server may echo a token; nothing secret may reach an error or a log.
 */
export function redact(text: string, secrets: Iterable<string | undefined>): string {
  let result = text;
  for (const secret of secrets) {
    // Very short secrets (e.g. a one-letter password) would redact ordinary words; they are
    // still never put into messages by this library.
    if (secret && secret.length >= 3) result = result.split(secret).join('[redacted]');
  }
  return result;
}
