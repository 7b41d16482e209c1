import { readFile } from 'node:fs/promises';
import { dirname, relative, resolve } from 'node:path';
import { InputError } from '../errors';
import { parseJsonFile } from './parseJson';
import type { LoadedConfig } from './types';
import { validateConfig } from './validateConfig';

export * from './types';
export { validateConfig, normalizeConfig, CONFIG_DEFAULTS } from './validateConfig';
export { parseJsonFile, lineColumnAt } from './parseJson';
export { SCHEMA_PATH, configSchema } from './schema';

export const DEFAULT_CONFIG_FILE = 'apionly.config.json';

/**
 * Reads, parses and validates the config (IO here; the checks are pure in validateConfig).
 * The project folder is the config file's folder. Errors name the file relative to cwd.
 */
export async function loadConfig(options: { cwd: string; configPath?: string }): Promise<LoadedConfig> {
  const path = resolve(options.cwd, options.configPath ?? DEFAULT_CONFIG_FILE);
  const shown = relative(options.cwd, path) || path;
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputError(code === 'ENOENT' ? 'ConfigNotFound' : 'ConfigUnreadable', [
      {
        file: shown,
        location: '',
        message: code === 'ENOENT' ? 'config file not found' : `cannot read the config file (${code ?? String(err)})`,
        fix: code === 'ENOENT' ? `run from the project folder, or pass --config <file>; start from the apionly.config.json in the apionly repository` : 'check the file permissions',
      },
    ]);
  }
  const raw = parseJsonFile(text, shown);
  return { path, projectDir: dirname(path), config: validateConfig(raw, shown) };
}
