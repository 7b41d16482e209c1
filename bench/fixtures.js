'use strict';
// Synthetic inputs for the benchmarks: Salesforce DX projects with many custom objects and fields,
// and a large retrieved-style profile. Deterministic: the same arguments give the same bytes.
const fs = require('node:fs');
const path = require('node:path');

const DECL = '<?xml version="1.0" encoding="UTF-8"?>\n';
const NS = 'http://soap.sforce.com/2006/04/metadata';

/** Field types cycle through what the generator treats differently (editable, read-only, skipped). */
const FIELD_KINDS = [
  { type: 'Text', extra: '    <length>80</length>\n' },
  { type: 'Number', extra: '    <precision>18</precision>\n    <scale>2</scale>\n' },
  { type: 'Checkbox', extra: '    <defaultValue>false</defaultValue>\n' },
  { type: 'Date', extra: '' },
  { type: 'Text', extra: '    <length>255</length>\n' },
  { type: 'Number', extra: '    <formula>1 + 1</formula>\n    <precision>18</precision>\n    <scale>0</scale>\n' },
];

function objectName(i) {
  return `Bench_${String(i).padStart(5, '0')}__c`;
}

/** Writes an sfdx project with `objects` custom objects of `fieldsPerObject` custom fields each. */
function makeProject(dir, objects, fieldsPerObject, config) {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(
    path.join(dir, 'sfdx-project.json'),
    JSON.stringify({ packageDirectories: [{ path: 'force-app', default: true }], name: 'bench', sourceApiVersion: '66.0' }, null, 2) + '\n',
  );
  const objectsDir = path.join(dir, 'force-app', 'main', 'default', 'objects');
  for (let i = 0; i < objects; i++) {
    const name = objectName(i);
    const fieldsDir = path.join(objectsDir, name, 'fields');
    fs.mkdirSync(fieldsDir, { recursive: true });
    fs.writeFileSync(
      path.join(objectsDir, name, `${name}.object-meta.xml`),
      `${DECL}<CustomObject xmlns="${NS}">\n    <deploymentStatus>Deployed</deploymentStatus>\n    <label>Bench ${i}</label>\n` +
        `    <nameField>\n        <label>Name</label>\n        <type>Text</type>\n    </nameField>\n    <pluralLabel>Bench ${i}s</pluralLabel>\n` +
        `    <sharingModel>ReadWrite</sharingModel>\n</CustomObject>\n`,
    );
    for (let f = 0; f < fieldsPerObject; f++) {
      const kind = FIELD_KINDS[f % FIELD_KINDS.length];
      const field = `Field_${String(f).padStart(3, '0')}__c`;
      fs.writeFileSync(
        path.join(fieldsDir, `${field}.field-meta.xml`),
        `${DECL}<CustomField xmlns="${NS}">\n    <fullName>${field}</fullName>\n${kind.extra}    <label>Field ${f}</label>\n` +
          `    <type>${kind.type}</type>\n</CustomField>\n`,
      );
    }
  }
  if (config) fs.writeFileSync(path.join(dir, 'apionly.config.json'), JSON.stringify(config, null, 2) + '\n');
}

/**
 * A retrieved-style Admin profile of about `targetBytes`, deliberately out of canonical order
 * (objects and fields shuffled, top-level `custom` and `userLicense` first) so format has work to do.
 */
function makeBigProfile(file, targetBytes) {
  const parts = [];
  let size = 0;
  let seed = 42;
  const rand = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed;
  };
  const fieldEntries = [];
  const objectEntries = [];
  for (let i = 0; size < targetBytes; i++) {
    const obj = objectName(i);
    const o =
      `    <objectPermissions>\n        <allowCreate>true</allowCreate>\n        <allowDelete>true</allowDelete>\n` +
      `        <allowEdit>true</allowEdit>\n        <allowRead>true</allowRead>\n        <modifyAllRecords>true</modifyAllRecords>\n` +
      `        <object>${obj}</object>\n        <viewAllFields>false</viewAllFields>\n        <viewAllRecords>true</viewAllRecords>\n    </objectPermissions>\n`;
    objectEntries.push(o);
    size += o.length;
    for (let f = 0; f < 40; f++) {
      const e = `    <fieldPermissions>\n        <editable>true</editable>\n        <field>${obj}.Field_${String(f).padStart(3, '0')}__c</field>\n        <readable>true</readable>\n    </fieldPermissions>\n`;
      fieldEntries.push(e);
      size += e.length;
    }
  }
  const shuffle = (a) => {
    for (let i = a.length - 1; i > 0; i--) {
      const j = rand() % (i + 1);
      [a[i], a[j]] = [a[j], a[i]];
    }
    return a;
  };
  parts.push(DECL, `<Profile xmlns="${NS}">\n`, '    <custom>true</custom>\n', '    <userLicense>Salesforce</userLicense>\n');
  parts.push(...shuffle(fieldEntries), ...shuffle(objectEntries));
  parts.push('    <userPermissions>\n        <enabled>true</enabled>\n        <name>ApiEnabled</name>\n    </userPermissions>\n', '</Profile>\n');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, parts.join(''));
  return fs.statSync(file).size;
}

module.exports = { makeProject, makeBigProfile, objectName, FIELD_KINDS };
