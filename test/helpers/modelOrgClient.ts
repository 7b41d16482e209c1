/**
 * An OrgClient over an emulated org's model, in process (no HTTP): the same SOQL engine and rules as the emulated
 * org, for unit tests of code that reads the org (the org-state reader, plan, status). Counts calls.
 */
import type { OrgClient } from '../../src/deploy/orgClient';
import { OrgCallError } from '../../src/deploy/orgClient';
import type { EmulatedOrg } from '../../src/emulator/model/api';

export function modelOrgClient(org: EmulatedOrg): OrgClient & { calls: string[] } {
  const calls: string[] = [];
  const wrap = <T>(fn: () => T): T => {
    try {
      return fn();
    } catch (err) {
      const e = err as { errorCode?: string; message?: string };
      throw new OrgCallError(e.errorCode ?? 'UNKNOWN_ERROR', e.message ?? String(err), false);
    }
  };
  return {
    calls,
    async query(soql) {
      calls.push(`query ${soql}`);
      return wrap(() => org.query(soql).records.map(({ attributes: _a, ...rest }) => rest));
    },
    async create(sobject, fields) {
      calls.push(`create ${sobject}`);
      return wrap(() => org.create(sobject, fields));
    },
    async update(sobject, id, fields) {
      calls.push(`update ${sobject} ${id}`);
      wrap(() => org.update(sobject, id, fields));
    },
    async resetPassword(userId) {
      calls.push(`resetPassword ${userId}`);
      wrap(() => org.resetPassword(userId));
    },
    async describeFields(sobject) {
      calls.push(`describe ${sobject}`);
      const d = wrap(() => org.describe(sobject)) as { fields: Array<{ name: string; type: string }> };
      return d.fields.map((f) => ({ name: f.name, type: f.type }));
    },
  };
}
