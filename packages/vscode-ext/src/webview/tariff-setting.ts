import { readFile } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { type Tariff, validateTariff } from '@carbontrack/core/energy';

/** The tariff of the `carbontrack.tariffFile` setting, or why it cannot be used. */
export type TariffSetting = { tariff: Tariff; error?: undefined } | { tariff?: undefined; error: string } | null;

/**
 * Reads the `carbontrack.tariffFile` setting's file (relative paths from the workspace folder):
 * null when the setting is empty; otherwise the checked tariff, or an error naming the setting,
 * the file and the problem (unreadable, not JSON, or the path in the tariff that fails core's
 * checks).
 */
export async function readTariffSetting(path: string, workspaceFolder: string | undefined): Promise<TariffSetting> {
  const given = path.trim();
  if (!given) return null;
  const file = isAbsolute(given) ? given : resolve(workspaceFolder ?? process.cwd(), given);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    return {
      error: `carbontrack.tariffFile: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
    };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { error: `carbontrack.tariffFile: ${file} is not JSON` };
  }
  try {
    return { tariff: validateTariff(value) };
  } catch (error) {
    return { error: `carbontrack.tariffFile: ${file}: ${(error as Error).message}` };
  }
}
