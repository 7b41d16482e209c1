'use strict';
/**
 * The baseline of generate: the same work with fast-xml-parser and no apionly logic.
 *   node bench/cases/generate.baseline.js <projectDir> <spec.json> <outFile>
 * Reads and parses every object and field file of the project (as generate does), builds the same Profile tree
 * (standard-object entries, description, licence and user permissions from spec.json; one modifyAll entry per custom
 * object; a field permission per custom field, read-only for formula fields) and writes it with XMLBuilder.
 * No config validation, no templates, no placeholder checks, no canonical sort beyond two array sorts.
 */
const fs = require('node:fs');
const path = require('node:path');
const { report, round } = require('../lib/common');

function main() {
  const [dir, specFile, outFile] = process.argv.slice(2);
  const spec = JSON.parse(fs.readFileSync(specFile, 'utf8'));

  const loadStart = performance.now();
  const { XMLParser, XMLBuilder } = require('fast-xml-parser');
  const loadMs = performance.now() - loadStart;

  const start = performance.now();
  const parser = new XMLParser({ ignoreAttributes: false, parseTagValue: false, parseAttributeValue: false, processEntities: false });
  const objectsDir = path.join(dir, 'force-app', 'main', 'default', 'objects');
  const objectPermissions = [...spec.standardObjects];
  const fieldPermissions = [];
  for (const object of fs.readdirSync(objectsDir).sort()) {
    const folder = path.join(objectsDir, object);
    const meta = parser.parse(fs.readFileSync(path.join(folder, `${object}.object-meta.xml`), 'utf8'));
    if (!meta.CustomObject) throw new Error(`${object}: not a CustomObject`);
    objectPermissions.push({ ...spec.customObjectFlags, object });
    const fieldsDir = path.join(folder, 'fields');
    for (const file of fs.readdirSync(fieldsDir).sort()) {
      const field = parser.parse(fs.readFileSync(path.join(fieldsDir, file), 'utf8')).CustomField;
      const editable = field.formula === undefined;
      fieldPermissions.push({ editable: String(editable), field: `${object}.${field.fullName}`, readable: 'true' });
    }
  }
  const byKey = (k) => (a, b) => (a[k] < b[k] ? -1 : a[k] > b[k] ? 1 : 0);
  objectPermissions.sort(byKey('object'));
  fieldPermissions.sort(byKey('field'));
  const tree = {
    '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' },
    Profile: {
      '@_xmlns': 'http://soap.sforce.com/2006/04/metadata',
      custom: 'true',
      description: spec.description,
      fieldPermissions,
      objectPermissions: objectPermissions.map((o) => ({
        allowCreate: o.allowCreate,
        allowDelete: o.allowDelete,
        allowEdit: o.allowEdit,
        allowRead: o.allowRead,
        modifyAllRecords: o.modifyAllRecords,
        object: o.object,
        viewAllFields: o.viewAllFields,
        viewAllRecords: o.viewAllRecords,
      })),
      userLicense: spec.userLicense,
      userPermissions: spec.userPermissions,
    },
  };
  const builder = new XMLBuilder({ ignoreAttributes: false, format: true, indentBy: '    ', suppressEmptyNode: false, suppressBooleanAttributes: false, processEntities: false });
  const xml = builder.build(tree);
  fs.mkdirSync(path.dirname(outFile), { recursive: true });
  fs.writeFileSync(outFile, xml);
  const ms = performance.now() - start;
  report({ ms: round(ms), loadMs: round(loadMs), outBytes: Buffer.byteLength(xml), output: outFile });
}

main();
