/** Builders for check-group unit tests: a CheckContext over the in-memory FakeOrg (no server, no core). */
import { loadConfig } from '../../../src/config';
import type { CheckContext, IntegrationLogin } from '../../../src/check/types';
import { userForOrg } from '../../../src/model';
import { FakeOrg, fakeSession } from '../deploy/fakeOrg';
import { makeProject } from '../../helpers/project';

export interface FakeContextOptions {
  readonly org?: FakeOrg;
  readonly files?: Record<string, string | object>;
  readonly login?: IntegrationLogin;
}

/** A CheckContext on a temporary project (MINIMAL_CONFIG unless files say otherwise) and a FakeOrg admin. */
export async function fakeContext(options: FakeContextOptions = {}): Promise<CheckContext & { readonly lines: string[]; readonly secrets: string[] }> {
  const dir = makeProject(options.files ?? {});
  const loaded = await loadConfig({ cwd: dir });
  const org = options.org ?? new FakeOrg();
  const admin = fakeSession(org, { deploy: async () => ({ status: 'Succeeded', components: [], failures: [] }), retrieveProfile: async () => ({ problems: [] }) } as never);
  const lines: string[] = [];
  const secrets: string[] = [];
  return {
    admin,
    org: { id: '00D000000000001AAA', name: 'Acme', edition: 'Enterprise Edition', isSandbox: true, instanceUrl: 'https://acme.my.salesforce.com', target: 'acme', username: 'admin@acme.example' },
    config: loaded,
    orgKey: undefined,
    user: userForOrg(loaded.config, undefined),
    apiVersion: '66.0',
    env: {},
    progress: (line) => void lines.push(line),
    integration: async () => options.login ?? { ok: false, result: { name: 'Client-credentials login', passed: false, detail: 'no credentials', fix: 'set them' } },
    addSecret: (v) => void secrets.push(v),
    lines,
    secrets,
  };
}
