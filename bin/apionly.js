#!/usr/bin/env node
'use strict';
// Plain JavaScript on purpose: it must run, and explain itself, on any Node version.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 19)) {
  process.stderr.write(
    `apionly needs Node.js 22.19 or newer (found ${process.version}); install Node 22 LTS, e.g. \`npm install --prefix ~/.node22 node@22\` and put ~/.node22/node_modules/.bin first on PATH.\n`
  );
  process.exit(2);
}
// Cache compiled code between runs (Node 22.1+): generate runs in pre-commit hooks and CI, so start-up counts.
require('node:module').enableCompileCache?.();
let cli;
try {
  cli = require('../dist/cli/index.js');
} catch (err) {
  if (err && err.code === 'MODULE_NOT_FOUND' && String(err.message).includes('dist/cli/index.js')) {
    process.stderr.write('apionly is not built: run `npm run build` (npm ci does it through the prepare script).\n');
    process.exit(1);
  }
  throw err;
}
cli.main(process.argv.slice(2));
