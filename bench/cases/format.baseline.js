'use strict';
/**
 * The baseline of format: a raw fast-xml-parser parse + build of the same file, with the settings STYLE.md names for
 * metadata (parse: ignoreAttributes/parseTagValue/parseAttributeValue/processEntities false, comments kept; build:
 * format, 4-space indent), then written. No validation with positions, no element order, no sorting.
 *   node bench/cases/format.baseline.js <sourceProfile> <outFile>
 */
const fs = require('node:fs');
const path = require('node:path');
const { report, round } = require('../lib/common');

function main() {
  const [source, outFile] = process.argv.slice(2);
  fs.mkdirSync(path.dirname(outFile), { recursive: true });

  const loadStart = performance.now();
  const { XMLParser, XMLBuilder } = require('fast-xml-parser');
  const loadMs = performance.now() - loadStart;

  const start = performance.now();
  const text = fs.readFileSync(source, 'utf8');
  const tree = new XMLParser({
    ignoreAttributes: false,
    parseTagValue: false,
    parseAttributeValue: false,
    processEntities: false,
    commentPropName: '#comment',
  }).parse(text);
  const xml = new XMLBuilder({
    ignoreAttributes: false,
    format: true,
    indentBy: '    ',
    suppressEmptyNode: false,
    suppressBooleanAttributes: false,
    processEntities: false,
    commentPropName: '#comment',
  }).build(tree);
  fs.writeFileSync(outFile, xml);
  const ms = performance.now() - start;
  report({ ms: round(ms), loadMs: round(loadMs), inBytes: Buffer.byteLength(text), outBytes: Buffer.byteLength(xml) });
}

main();
