import { readTextWithin } from '@carbontrack/core/http';

/** What a browser asked for, reduced to the documented fields; or why it cannot be asked. */
export type RequestInput = { value: Record<string, string | number | boolean> } | { status: number; message: string };

/** Deepest JSON nesting a request body may have: the API's bodies are flat objects. */
const MAX_DEPTH = 8;

/**
 * Reads the fields a route passes on from the query string (GET) or a JSON body (POST). Only
 * those fields pass, and only as scalars: an object such as `{"$ne": null}` in an allowed field
 * is refused (400), never forwarded. Bodies are capped at `maxBodyBytes` (413) and at a nesting
 * depth of 8 (400) before `JSON.parse` sees them.
 */
export async function readInput(
  request: Request,
  url: URL,
  method: string,
  fields: readonly string[],
  maxBodyBytes: number,
): Promise<RequestInput> {
  const value: Record<string, string | number | boolean> = {};
  if (method === 'GET') {
    for (const field of fields) {
      const v = url.searchParams.get(field);
      if (v !== null) value[field] = v;
    }
    return { value };
  }
  const declared = Number(request.headers.get('Content-Length') ?? '0');
  const tooLarge = { status: 413, message: `The request body is larger than ${maxBodyBytes} bytes.` };
  if (declared > maxBodyBytes) return tooLarge;
  // A missing Content-Length is no excuse: at most maxBodyBytes are read.
  const text = (await readTextWithin(request, maxBodyBytes))?.text ?? null;
  if (text === null) return tooLarge;
  if (nestingDepth(text) > MAX_DEPTH) return { status: 400, message: 'The request body is nested too deeply.' };
  let parsed: unknown;
  try {
    parsed = text === '' ? {} : JSON.parse(text);
  } catch {
    return { status: 400, message: 'The request body is not valid JSON.' };
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    return { status: 400, message: 'The request body must be a JSON object.' };
  }
  for (const field of fields) {
    if (!Object.hasOwn(parsed, field)) continue;
    const v = (parsed as Record<string, unknown>)[field];
    if (v === null || v === undefined) continue;
    if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') {
      return { status: 400, message: `${field} must be a string, number or boolean.` };
    }
    value[field] = v;
  }
  return { value };
}

/** The deepest nesting of objects and arrays in JSON text (strings skipped), without parsing it. */
function nestingDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++;
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      depth++;
      if (depth > deepest) deepest = depth;
    } else if (c === 125 || c === 93) depth--;
  }
  return deepest;
}
