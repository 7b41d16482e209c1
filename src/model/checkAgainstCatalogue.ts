import type { ApionlyConfig } from '../config/types';
import { objectKindOf } from './catalogue';
import { nearestNames, type OrgCatalogue } from './orgCatalogue';
import type { ProjectInfo } from './types';

export interface CatalogueProblem {
  /** JSON path in the config. */
  readonly location: string;
  readonly message: string;
  readonly value: unknown;
  readonly fix: string;
}

const ptr = (s: string): string => s.replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * What the config asks for that the org (its catalogue) does not have: user permission names outside the org's list
 * (a deploy fails "Unknown user permission: X"), objects to include that the org lacks ("no CustomObject named X
 * found"), the clone switch without a catalogue. Pure.
 */
export function checkAgainstCatalogue(config: ApionlyConfig, project: ProjectInfo, catalogue: OrgCatalogue | undefined, catalogueFile: string): CatalogueProblem[] {
  const problems: CatalogueProblem[] = [];
  if (!catalogue) {
    if (config.profile.cloneReferenceUserPermissions) {
      problems.push({
        location: '/profile/cloneReferenceUserPermissions',
        message: `needs the org catalogue ${catalogueFile}, which does not exist: the reference profile's permissions come from the org`,
        value: true,
        fix: 'run `npm run discover -- --target-org <org>` first, or set it to false',
      });
    }
    return problems;
  }
  const known = new Set(catalogue.userPermissions);
  for (const name of Object.keys(config.profile.userPermissions)) {
    if (known.has(name)) continue;
    const near = nearestNames(name, catalogue.userPermissions);
    problems.push({
      location: `/profile/userPermissions/${ptr(name)}`,
      message: `the org's user permissions (${catalogueFile}) have no ${name}; a deploy would fail "Unknown user permission: ${name}"`,
      value: name,
      fix: near.length ? `did you mean ${near.join(', ')}?` : 'remove it, or rerun discover if the org gained it',
    });
  }
  const projectObjects = new Set(project.objects.filter((o) => o.defined).map((o) => o.name));
  config.profile.objects.include.forEach((name, i) => {
    if (catalogue.objects[name]?.objectPermissions || projectObjects.has(name)) return;
    const exists = catalogue.objects[name] !== undefined;
    problems.push({
      location: `/profile/objects/include/${i}`,
      message: exists
        ? `${name} takes field permissions only in this org (${catalogueFile}); it has no object permissions`
        : `the org (${catalogueFile}) has no ${objectKindOf(name) === 'standard' ? 'object' : 'custom object'} ${name}; a deploy would fail "no CustomObject named ${name} found"`,
      value: name,
      fix: exists ? `remove "${name}" from the list` : `remove it, switch on the feature that brings it (then rerun discover), or add its definition to the project`,
    });
  });
  return problems;
}
