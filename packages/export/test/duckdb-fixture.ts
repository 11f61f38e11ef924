// A real DuckDB (in memory) for the test file, to read the written files back as data engines do.
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll } from 'vitest';

/** A row as DuckDB's JS conversion gives it (DOUBLE → number, VARCHAR → string, NULL → null). */
export type Row = Record<string, unknown>;

/** Opens DuckDB (session zone UTC, so no cast depends on the machine's zone); closed after the file's tests. */
export async function openDuckDB(): Promise<(sql: string) => Promise<Row[]>> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  await connection.run("SET TimeZone = 'UTC'");
  afterAll(() => {
    connection.closeSync();
    instance.closeSync();
  });
  return async (sql) => (await connection.runAndReadAll(sql)).getRowObjectsJS() as Row[];
}

/** `{ name: type }` of a query's columns, from DESCRIBE. */
export async function columnTypes(
  query: (sql: string) => Promise<Row[]>,
  from: string,
): Promise<Record<string, string>> {
  const rows = await query(`DESCRIBE SELECT * FROM ${from}`);
  return Object.fromEntries(rows.map((r) => [r.column_name as string, r.column_type as string]));
}
