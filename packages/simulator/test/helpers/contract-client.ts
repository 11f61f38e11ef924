// A fetch wrapper for tests that checks every JSON response against the OpenAPI description: the
// documented schema for documented statuses, ErrorResponse for the rest (404/405/413).
import { OpenApiValidator } from '@carbontrack/api/validator';

/** Shared validator of the OpenAPI description. */
export const validator = new OpenApiValidator();

/** Number of responses validated so far (tests assert the helper really ran). */
export const validated = { count: 0 };

/** A response with its parsed JSON body. */
export interface ApiResult {
  status: number;
  headers: Headers;
  text: string;
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary fields of the JSON bodies.
  body: any;
}

/** Request options of {@link ContractClient.request}. */
export interface RequestOptions {
  token?: string;
  json?: unknown;
  form?: Record<string, string>;
  rawBody?: string;
  headers?: Record<string, string>;
}

/** Throws unless `body` matches the schema of `method path status`. */
export function assertContract(method: string, path: string, status: number, body: unknown): void {
  let pointer: string;
  try {
    pointer = validator.responsePointer(method, path, status);
  } catch {
    pointer = '#/components/schemas/ErrorResponse';
  }
  const { valid, errors } = validator.validate(pointer, body);
  if (!valid) throw new Error(`${method} ${path} ${status} does not match ${pointer}: ${errors}`);
  validated.count += 1;
}

/** A client for one base URL whose every JSON response is contract-checked. */
export class ContractClient {
  constructor(readonly baseUrl: string) {}

  /** Sends a request; JSON bodies are parsed and validated. */
  async request(method: string, pathAndQuery: string, options: RequestOptions = {}): Promise<ApiResult> {
    const headers: Record<string, string> = { ...options.headers };
    let body: string | undefined = options.rawBody;
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.json !== undefined) {
      body = JSON.stringify(options.json);
      headers['content-type'] ??= 'application/json';
    }
    if (options.form) {
      body = new URLSearchParams(options.form).toString();
      headers['content-type'] ??= 'application/x-www-form-urlencoded';
    }
    const response = await fetch(new URL(pathAndQuery, this.baseUrl), { method, headers, body });
    const text = await response.text();
    const isJson = (response.headers.get('content-type') ?? '').includes('application/json');
    const parsed = isJson ? JSON.parse(text) : undefined;
    if (isJson) assertContract(method, new URL(pathAndQuery, this.baseUrl).pathname, response.status, parsed);
    return { status: response.status, headers: response.headers, text, body: parsed };
  }

  /** Password grant; returns the Authentication Object. */
  async login(username = 'demo', password = username): Promise<{ access_token: string; refresh_token: string }> {
    const result = await this.request('POST', '/oauth/token', { form: { grant_type: 'password', username, password } });
    if (result.status !== 200) throw new Error(`login failed: ${result.status} ${result.text}`);
    return result.body;
  }

  /** POST /ctapi/Measurement with a token. */
  measurements(token: string, request: Record<string, unknown>): Promise<ApiResult> {
    return this.request('POST', '/ctapi/Measurement', { token, json: request });
  }

  /** POST /ctapi/Device with a token. */
  devices(token: string, request: Record<string, unknown> = {}): Promise<ApiResult> {
    return this.request('POST', '/ctapi/Device', { token, json: request });
  }
}

/** A controllable clock for `options.now`. */
export function manualClock(startMs: number): { now: () => number; advance(ms: number): void; set(ms: number): void } {
  let current = startMs;
  return {
    now: () => current,
    advance: (ms) => {
      current += ms;
    },
    set: (ms) => {
      current = ms;
    },
  };
}
