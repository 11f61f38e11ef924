import { describe, expect, it } from 'vitest';
import { readTextWithin } from './read-text-within.js';

/** A body that sends `chunks` then stops, or keeps sending forever; whether it was cancelled. */
function streamed(chunks: string[], endless = false) {
  const state = { cancelled: false };
  let i = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (i < chunks.length) controller.enqueue(new TextEncoder().encode(chunks[i++]));
      else if (endless) controller.enqueue(new Uint8Array(1024));
      else controller.close();
    },
    cancel() {
      state.cancelled = true;
    },
  });
  return { response: new Response(body), state };
}

describe('readTextWithin', () => {
  it('reads a body split across chunks, multi-byte characters included, up to the limit', async () => {
    const { response } = streamed(['{"name":"Ké', 'vin"}']);
    const bytes = new TextEncoder().encode('{"name":"Kévin"}').byteLength;
    expect(await readTextWithin(response, bytes)).toEqual({ text: '{"name":"Kévin"}', bytes });
  });

  it('gives up past the limit and cancels the stream, even one that never ends', async () => {
    const { response, state } = streamed([], true);
    expect(await readTextWithin(response, 64 * 1024)).toBeNull();
    expect(state.cancelled).toBe(true);
  });

  it('reads an absent body as empty', async () => {
    expect(await readTextWithin(new Response(null), 10)).toEqual({ text: '', bytes: 0 });
  });
});
