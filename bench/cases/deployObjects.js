'use strict';
/**
 * Setup for the plan/status benchmark at scale: deploys a project's custom objects (force-app/main/default/objects)
 * to the emulated org with source-deploy-retrieve, so that `apionly deploy` of a profile naming them can succeed.
 *   node bench/cases/deployObjects.js <projectDir>   (SF_ORG_INSTANCE_URL + APIONLY_BENCH_TOKEN)
 */
const fs = require('node:fs');
const path = require('node:path');

async function main() {
  const [dir] = process.argv.slice(2);
  const objects = path.join(dir, 'force-app', 'main', 'default', 'objects');
  if (!fs.existsSync(objects)) return;
  const { AuthInfo, Connection } = require('@salesforce/core');
  const { ComponentSet } = require('@salesforce/source-deploy-retrieve');
  const token = process.env.APIONLY_BENCH_TOKEN;
  const authInfo = await AuthInfo.create({ username: token, accessTokenOptions: { accessToken: token, instanceUrl: process.env.SF_ORG_INSTANCE_URL } });
  const conn = await Connection.create({ authInfo });
  const cs = ComponentSet.fromSource({ fsPaths: [objects] });
  cs.sourceApiVersion = JSON.parse(fs.readFileSync(path.join(dir, 'sfdx-project.json'), 'utf8')).sourceApiVersion;
  const op = await cs.deploy({ usernameOrConnection: conn, apiOptions: { rollbackOnError: true } });
  const result = await op.pollStatus(50, 1200);
  if (result.response.status !== 'Succeeded') {
    throw new Error(`objects deploy ${result.response.status}: ${JSON.stringify(result.getFileResponses().filter((f) => f.state === 'Failed').slice(0, 5))}`);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
