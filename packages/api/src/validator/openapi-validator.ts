// Validates values against the schemas of the OpenAPI description itself (not a hand-copied
// schema), with ajv in JSON Schema 2020-12 mode as OpenAPI 3.1 prescribes. Shared by the
// description's own example tests and the simulator's contract tests.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { parse } from 'yaml';

/** Path of the OpenAPI description. */
export const SPEC_PATH = fileURLToPath(new URL('../../openapi/carbontrack.yaml', import.meta.url));

const SPEC_ID = 'carbontrack.yaml';

// ajv-formats is CommonJS; its default export arrives nested under ESM interop.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ??
  addFormatsModule) as unknown as (ajv: Ajv2020) => Ajv2020;

/** The parsed OpenAPI document. */
// biome-ignore lint/suspicious/noExplicitAny: a parsed YAML document is untyped by nature.
export type OpenApiDocument = Record<string, any>;

/** Loads the description from disk. */
export function loadSpec(path = SPEC_PATH): OpenApiDocument {
  return parse(readFileSync(path, 'utf8')) as OpenApiDocument;
}

/** A compiled validator for schemas addressed by JSON pointer inside the description. */
export class OpenApiValidator {
  readonly spec: OpenApiDocument;
  private readonly ajv: Ajv2020;
  private readonly cache = new Map<string, ValidateFunction>();

  constructor(spec: OpenApiDocument = loadSpec()) {
    this.spec = spec;
    this.ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
    addFormats(this.ajv);
    // OpenAPI keywords that are not JSON Schema, and our `x-` notes.
    this.ajv.addVocabulary(['discriminator', 'xml', 'externalDocs', 'example']);
    this.ajv.addSchema({ ...spec, $id: SPEC_ID });
  }

  /** Validates `value` against the schema at `pointer` (e.g. `#/components/schemas/DeviceId`). */
  validate(pointer: string, value: unknown): { valid: boolean; errors: string } {
    let fn = this.cache.get(pointer);
    if (!fn) {
      fn = this.ajv.compile({ $ref: `${SPEC_ID}${pointer}` });
      this.cache.set(pointer, fn);
    }
    const valid = fn(value) as boolean;
    return { valid, errors: valid ? '' : this.ajv.errorsText(fn.errors) };
  }

  /** JSON pointer of the response body schema of `method path` for `status` with `application/json`. */
  responsePointer(method: string, path: string, status: number | string): string {
    const operation = this.spec.paths?.[path]?.[method.toLowerCase()];
    if (!operation) throw new Error(`${method} ${path} is not in the OpenAPI description`);
    let response = operation.responses?.[String(status)];
    if (!response) throw new Error(`${method} ${path} does not document status ${status}`);
    let base = `#/paths/${escapePointer(path)}/${method.toLowerCase()}/responses/${status}`;
    if (response.$ref) {
      base = response.$ref;
      response = this.resolve(response.$ref);
    }
    if (!response.content?.['application/json']) throw new Error(`${method} ${path} ${status} has no JSON body`);
    return `${base}/content/application~1json/schema`;
  }

  /** Follows a local `#/...` reference. */
  resolve(ref: string): OpenApiDocument {
    // biome-ignore lint/suspicious/noExplicitAny: walking an untyped document.
    let node: any = this.spec;
    for (const part of ref.replace(/^#\//, '').split('/')) {
      node = node?.[part.replace(/~1/g, '/').replace(/~0/g, '~')];
    }
    if (node === undefined) throw new Error(`unresolved reference ${ref}`);
    return node;
  }
}

/** Escapes a path for use as one JSON pointer segment. */
export function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}
