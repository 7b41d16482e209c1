import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { normalizeConfig } from '../../src/config/validateConfig';
import type { ApionlyConfig } from '../../src/config/types';
import type { ProjectInfo, SourceField, SourceObject } from '../../src/model/types';
import { objectKindOf } from '../../src/model/catalogue';

export const SFDX_PROJECT = `${JSON.stringify({ packageDirectories: [{ path: 'force-app', default: true }], name: 't', namespace: '', sourceApiVersion: '66.0' }, undefined, 2)}\n`;

export const MINIMAL_CONFIG = { user: { Username: 'api@example.com', LastName: 'Api', Email: 'api@example.com' } };

/** A temporary project folder with the given files (path -> content; objects are JSON-encoded). */
export function makeProject(files: Record<string, string | object> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'apionly-project-'));
  const all: Record<string, string | object> = { 'sfdx-project.json': SFDX_PROJECT, 'apionly.config.json': MINIMAL_CONFIG, ...files };
  for (const [path, content] of Object.entries(all)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), typeof content === 'string' ? content : `${JSON.stringify(content, undefined, 2)}\n`);
  }
  return dir;
}

/** A typed config from a partial raw config (defaults applied, no validation). */
export function config(raw: Record<string, unknown> = {}): ApionlyConfig {
  return normalizeConfig({ ...MINIMAL_CONFIG, ...raw });
}

export function field(object: string, name: string, extra: Partial<SourceField> = {}): SourceField {
  return { object, name, type: 'Text', required: false, formula: false, file: `objects/${object}/fields/${name}.field-meta.xml`, ...extra };
}

export function sourceObject(name: string, fields: SourceField[] = [], extra: Partial<SourceObject> = {}): SourceObject {
  return { name, kind: objectKindOf(name), defined: true, fields, file: `objects/${name}/${name}.object-meta.xml`, ...extra };
}

export function project(objects: SourceObject[] = [], apiVersion = '66.0'): ProjectInfo {
  return { apiVersion, packageDirectories: ['force-app'], objects };
}

export function fieldXml(body: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<CustomField xmlns="http://soap.sforce.com/2006/04/metadata">\n${body}\n</CustomField>\n`;
}

export function objectXml(body = '    <label>X</label>'): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<CustomObject xmlns="http://soap.sforce.com/2006/04/metadata">\n${body}\n</CustomObject>\n`;
}
