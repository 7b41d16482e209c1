/**
 * Before a deploy: does the target org have every object the committed profile names? A profile deploy that names an
 * object the org lacks fails on the first one ("In field: object - no CustomObject named Quote found", standard-objects
 * §3b); this check lists them all at once, before anything is sent.
 */
import { InputError } from '../errors';
import { byteOrder } from '../model/userPermissions';
import { OrgCallError } from './orgClient';
import { picklistOf, type OrgReader } from './orgReader';

/**
 * The objects of `objects` the org lacks, byte order. The org's own list is the ObjectPermissions.SobjectType picklist
 * (permission-model §2, §4); when the org refuses that describe, describeGlobal's names stand in.
 */
export async function findMissingObjects(reader: OrgReader, objects: readonly string[]): Promise<string[]> {
  let known: ReadonlySet<string>;
  try {
    const list = picklistOf(await reader.describe('ObjectPermissions'), 'SobjectType');
    known = new Set(list && list.length ? list : await reader.describeGlobal());
  } catch (err) {
    if (!(err instanceof OrgCallError) || err.ambiguous) throw err;
    known = new Set(await reader.describeGlobal());
  }
  return objects.filter((o) => !known.has(o)).sort(byteOrder);
}

/** The refusal: exit 2, one problem per missing object, with what to do. */
export function missingObjectsError(missing: readonly string[], profileFile: string, orgName: string): InputError {
  return new InputError(
    'ObjectsMissingInOrg',
    missing.map((object) => ({
      file: profileFile,
      location: `objectPermissions ${object}`,
      message: `the target org ${orgName} has no object ${object}`,
      fix: object.includes('__')
        ? `deploy ${object} to the org first, or leave it out (profile.objects.exclude) and run npm run generate`
        : `switch on the feature that brings ${object} in the org, or leave it out (profile.objects.exclude / include) and run npm run generate`,
    })),
    {
      actions: [
        'Nothing was deployed. Run `npm run discover -- --target-org <this org>` and `npm run generate` to generate for the objects this org has, or change the config.',
      ],
    },
  );
}
