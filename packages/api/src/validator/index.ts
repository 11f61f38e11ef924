/**
 * `@carbontrack/api/validator`: checks values against the schemas of the OpenAPI description
 * itself (ajv, JSON Schema 2020-12), for the description's example tests and the simulator's
 * contract tests. Needs `ajv`, `ajv-formats` and `yaml` (optional peer dependencies).
 * @packageDocumentation
 */
export { escapePointer, loadSpec, type OpenApiDocument, OpenApiValidator, SPEC_PATH } from './openapi-validator.js';
