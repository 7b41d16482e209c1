'use strict';
/**
 * The naive baseline of discover: one describe per object through jsforce (a @salesforce/core token connection),
 * sequentially, after a describeGlobal; the fields of every describe written to a JSON file (no apionly logic).
 *   node bench/cases/discover.naive.js <outFile>   (SF_ORG_INSTANCE_URL + APIONLY_BENCH_TOKEN)
 */
const fs = require('node:fs');
const { report } = require('../lib/common');

async function main() {
  const [out] = process.argv.slice(2);
  const { AuthInfo, Connection } = require('@salesforce/core');
  const token = process.env.APIONLY_BENCH_TOKEN;
  const authInfo = await AuthInfo.create({ username: token, accessTokenOptions: { accessToken: token, instanceUrl: process.env.SF_ORG_INSTANCE_URL } });
  const conn = await Connection.create({ authInfo });
  const global = await conn.describeGlobal();
  const objects = {};
  for (const s of global.sobjects) {
    const d = await conn.describe(s.name);
    objects[s.name] = Object.fromEntries(d.fields.map((f) => [f.name, { calculated: f.calculated, autoNumber: f.autoNumber, nillable: f.nillable, createable: f.createable, updateable: f.updateable, permissionable: f.permissionable }]));
  }
  fs.writeFileSync(out, `${JSON.stringify(objects)}\n`);
  report({ objects: Object.keys(objects).length });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
