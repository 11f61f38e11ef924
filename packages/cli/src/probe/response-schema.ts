// Checks response bodies against the schemas of the OpenAPI description itself, the way the
// simulator's contract tests do (ajv, JSON Schema 2020-12). Its own ajv rather than
// @carbontrack/api's OpenApiValidator, because the report needs the errors as data (instance path,
// keyword, message) where that validator gives one string; and the errors keep no `data`, which
// would be customer values.
import { escapePointer, loadSpec, type OpenApiDocument } from '@carbontrack/api/validator';
import { Ajv2020, type AnySchema, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { SchemaCheck, SchemaIssue } from './probe-report.js';

// ajv-formats is CommonJS; its default export arrives nested under ESM interop.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ??
  addFormatsModule) as unknown as (ajv: Ajv2020) => Ajv2020;

const SPEC_ID = 'carbontrack.yaml';
const ERROR_SCHEMA = '#/components/schemas/ErrorResponse';
const MAX_ISSUES = 10;

/** The response schemas of the OpenAPI description, compiled on first use. */
export class ResponseSchemas {
  private readonly ajv: Ajv2020;
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(private readonly spec: OpenApiDocument = loadSpec()) {
    this.ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
    addFormats(this.ajv);
    this.ajv.addVocabulary(['discriminator', 'xml', 'externalDocs', 'example']);
    this.ajv.addSchema({ ...spec, $id: SPEC_ID } as AnySchema);
  }

  /**
   * Checks `body` against the schema the description gives `method path` for `status`. An
   * undocumented error status is checked against ErrorResponse, the payload every error uses.
   */
  check(method: string, path: string, status: number, body: unknown): SchemaCheck {
    const operation = this.spec.paths?.[path]?.[method.toLowerCase()];
    if (!operation) return unchecked(null, false, `${method} ${path} is not in the OpenAPI description`);
    let response = operation.responses?.[String(status)];
    let base = `#/paths/${escapePointer(path)}/${method.toLowerCase()}/responses/${status}`;
    if (!response) {
      if (status < 400) return unchecked(null, false, `status ${status} is not documented for ${method} ${path}`);
      return this.validate(ERROR_SCHEMA, body, false, `status ${status} is not documented; checked as ErrorResponse`);
    }
    if (typeof response.$ref === 'string') {
      base = response.$ref;
      response = this.resolve(response.$ref);
    }
    if (!response?.content?.['application/json']) return unchecked(null, true, 'the description gives no JSON body');
    return this.validate(`${base}/content/application~1json/schema`, body, true);
  }

  private validate(pointer: string, body: unknown, documented: boolean, note?: string): SchemaCheck {
    let validate = this.compiled.get(pointer);
    if (!validate) {
      validate = this.ajv.compile({ $ref: `${SPEC_ID}${pointer}` });
      this.compiled.set(pointer, validate);
    }
    const valid = validate(body) as boolean;
    const errors = valid ? [] : (validate.errors ?? []);
    return {
      schema: pointer,
      documented,
      valid,
      errorCount: errors.length,
      errors: groupIssues(errors),
      ...(note ? { note } : {}),
    };
  }

  private resolve(ref: string): OpenApiDocument | undefined {
    // biome-ignore lint/suspicious/noExplicitAny: walking an untyped document.
    let node: any = this.spec;
    for (const part of ref.replace(/^#\//, '').split('/')) node = node?.[part.replace(/~1/g, '/').replace(/~0/g, '~')];
    return node;
  }
}

/** A check that could not run. */
export function unchecked(schema: string | null, documented: boolean | null, note: string): SchemaCheck {
  return { schema, documented, valid: null, errorCount: 0, errors: [], note };
}

let shared: ResponseSchemas | undefined;

/** The process-wide {@link ResponseSchemas}: the description is parsed and compiled once. */
export function responseSchemas(): ResponseSchemas {
  shared ??= new ResponseSchemas();
  return shared;
}

// 288 records breaking one rule are one finding, not 288: errors differing only in array indices
// are grouped, the first occurrence kept as the example.
function groupIssues(errors: readonly ErrorObject[]): SchemaIssue[] {
  const groups = new Map<string, SchemaIssue>();
  for (const error of errors) {
    const message = (error.message ?? error.keyword).slice(0, 200);
    const key = `${error.instancePath.replace(/\/\d+(?=\/|$)/g, '/*')}\u0000${error.keyword}\u0000${message}`;
    const group = groups.get(key);
    if (group) group.count += 1;
    else groups.set(key, { instancePath: error.instancePath.slice(0, 120), keyword: error.keyword, message, count: 1 });
  }
  return [...groups.values()].slice(0, MAX_ISSUES);
}
