/**
 * Saves an access-token auth and an alias the way `sf org login access-token --alias A` does
 * (AuthInfo.create + save + aliases.setAndSave), in $HOME. Run as a child process: inside jest's sandbox
 * @salesforce/core's file locking leaks a lock on ENOENT (cross-realm `instanceof Error`).
 * Usage: node saveAlias.js <instanceUrl> <accessToken> <username> <alias>
 */
const { AuthInfo, StateAggregator } = require('@salesforce/core');

async function main() {
  const [instanceUrl, accessToken, username, alias] = process.argv.slice(2);
  const authInfo = await AuthInfo.create({ username, accessTokenOptions: { accessToken, instanceUrl, loginUrl: instanceUrl } });
  await authInfo.save();
  const state = await StateAggregator.getInstance();
  await state.aliases.setAndSave(alias, username);
  process.stdout.write(JSON.stringify({ username: authInfo.getUsername(), orgId: authInfo.getFields().orgId }) + '\n');
}

main().catch((err) => {
  process.stderr.write(`${err && err.stack ? err.stack : String(err)}\n`);
  process.exitCode = 1;
});
