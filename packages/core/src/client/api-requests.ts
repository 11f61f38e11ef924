import type { paths } from '@carbontrack/api';
import { MalformedResponseError } from '../errors/carbon-track-error.js';
import type { ApiRequest } from '../http/request-pipeline.js';

// The client's own requests, typed by the generated `paths`: a path, query or body the contract
// does not have fails to compile. Built by hand (not by openapi-fetch) because five fixed
// requests need no general serializer, and bundles that never touch `client.raw` carry none.

type GetPath = { [P in keyof paths]: paths[P] extends { get: object } ? P : never }[keyof paths];
type PostPath = { [P in keyof paths]: paths[P] extends { post: object } ? P : never }[keyof paths];
type QueryOf<P extends GetPath> = paths[P]['get'] extends { parameters: { query?: infer Q } } ? Q : never;
type JsonBodyOf<P extends PostPath> = paths[P]['post'] extends {
  requestBody: { content: { 'application/json': infer B } };
}
  ? B
  : never;

/** A GET of `path`, query parameters that are undefined left out. @internal */
export function getRequest<P extends GetPath>(baseUrl: string, path: P, query?: QueryOf<P>): ApiRequest {
  let search = '';
  for (const [key, value] of Object.entries((query ?? {}) as Record<string, unknown>)) {
    if (value === undefined || value === null) continue;
    search += `${search ? '&' : '?'}${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`;
  }
  return { method: 'GET', url: baseUrl + path + search, path, headers: {}, body: null };
}

/** A POST of a JSON body to `path` (undefined members are left out, as JSON.stringify does). @internal */
export function postJsonRequest<P extends PostPath>(baseUrl: string, path: P, body: JsonBodyOf<P>): ApiRequest {
  return {
    method: 'POST',
    url: baseUrl + path,
    path,
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  };
}

/** A POST of a form (the token request). @internal */
export function postFormRequest(baseUrl: string, path: PostPath, form: Record<string, string>): ApiRequest {
  return {
    method: 'POST',
    url: baseUrl + path,
    path,
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
  };
}

/**
 * A Measurement page through the embedding proxy's cache-friendly read path (`@carbontrack/proxy`,
 * `GET /v1/measurements`): the same page as the API's POST, but a GET a CDN can cache. @internal
 */
export function proxyMeasurementRequest(
  baseUrl: string,
  query: { device: string; from: string; to: string; page: number },
): ApiRequest {
  const search = new URLSearchParams({
    device: query.device,
    from: query.from,
    to: query.to,
    page: String(query.page),
  });
  // The errors name the API's endpoint: that is what the page is.
  return {
    method: 'GET',
    url: `${baseUrl}/v1/measurements?${search}`,
    path: '/ctapi/Measurement',
    headers: {},
    body: null,
  };
}

/**
 * A reader of JSON bodies: parses, then `check` returns the result or undefined when the value is
 * not the documented shape. Either failure is a {@link MalformedResponseError}, retried. @internal
 */
export function readJson<T>(check: (data: unknown) => T | undefined): (body: string) => T {
  return (body) => {
    let data: unknown;
    try {
      data = JSON.parse(body);
    } catch {
      throw new MalformedResponseError('the body is not valid JSON');
    }
    const value = check(data);
    if (value === undefined) throw new MalformedResponseError('the body does not have the documented shape');
    return value;
  };
}
