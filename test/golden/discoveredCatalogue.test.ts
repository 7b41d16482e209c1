/**
 * Golden catalogue: `discover` (library, real jsforce connection) against a small emulated org with fixed ids writes
 * exactly test/golden/discovered-org/input/apionly.catalogue.json; the golden case `discovered-org` then generates
 * the profile from it (expected/). UPDATE_GOLDEN=1 rewrites the catalogue.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { discover } from '../../src/discover';
import { jsforceOrgClient, type JsforceConnectionLike } from '../../src/deploy/orgClient';
import { jsforceOrgReader } from '../../src/deploy/orgReader';
import { silentProgress } from '../../src/deploy/progress';
import { connectionFor, useEmulatedOrg } from '../helpers/emulator';
import { makeProject } from '../helpers/project';

const GOLDEN = join(__dirname, 'discovered-org', 'input', 'apionly.catalogue.json');
const DISCOVERED_ORG = { orgId: '00D000000000042', features: { Orders: true }, customObjects: { count: 2, fieldsPerObject: 12 } };

describe('golden catalogue of a small discovered org', () => {
  const emu = useEmulatedOrg({ orgs: [DISCOVERED_ORG] });

  it('Given the emulated org (Orders on, 2 custom objects x 12 fields), When discovered, Then the catalogue is byte for byte the golden one', async () => {
    const conn = (await connectionFor(emu.get())) as unknown as JsforceConnectionLike;
    const dir = makeProject();
    const result = await discover({ cwd: dir }, {
      connect: async () => ({ client: jsforceOrgClient(conn), reader: jsforceOrgReader(conn), displayName: 'emu', secrets: [], instanceUrl: emu.get().instanceUrl }),
      progress: silentProgress,
      collectCoreWarnings: () => () => undefined,
    });
    expect(result.status).toBe('written');
    const bytes = readFileSync(join(dir, 'apionly.catalogue.json'), 'utf8');
    if (process.env['UPDATE_GOLDEN'] === '1') writeFileSync(GOLDEN, bytes);
    expect(existsSync(GOLDEN)).toBe(true);
    expect(bytes).toBe(readFileSync(GOLDEN, 'utf8'));
  });
});
