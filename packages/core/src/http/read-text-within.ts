/**
 * A request's or response's body as text, read a chunk at a time and abandoned past `limitBytes`:
 * a peer that sends far more than expected (or never stops, or sends no Content-Length) costs at
 * most the limit, not the memory of the page or the process.
 * @returns The text and its size in bytes (an absent body is ''), or null when it is longer.
 */
export async function readTextWithin(
  message: { readonly body: ReadableStream<Uint8Array> | null },
  limitBytes: number,
): Promise<{ text: string; bytes: number } | null> {
  if (!message.body) return { text: '', bytes: 0 };
  const reader = message.body.getReader();
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    if (bytes > limitBytes) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  const all = new Uint8Array(bytes);
  let at = 0;
  for (const chunk of chunks) {
    all.set(chunk, at);
    at += chunk.byteLength;
  }
  return { text: new TextDecoder().decode(all), bytes };
}
