import type { ApionlyConfig } from '../config/types';
import { buildProfileModel } from './buildProfile';
import type { OrgCatalogue } from './orgCatalogue';
import type { PermissionSetModel, ProjectInfo } from './types';

/**
 * config + project -> the permission set of the integration route. The object, field and user permissions mean the
 * same as on the profile route (the same model, built by buildProfileModel); what differs is how a permission set
 * holds them. A permission set deploy replaces its content (salesforce-facts c), and a retrieve lists only what is
 * granted, so only granted entries are written: an object with no access, a field that is not readable and a user
 * permission set to false are simply absent (absent = off). With the org catalogue of `discover`, the objects and
 * fields are the org's, exactly as for the profile. Pure.
 */
export function buildPermissionSetModel(config: ApionlyConfig, project: ProjectInfo, catalogue?: OrgCatalogue): PermissionSetModel {
  const profile = buildProfileModel(config, project, catalogue);
  const ps = config.permissionSet;
  return {
    name: ps.name,
    fileName: `${ps.name}.permissionset-meta.xml`,
    label: ps.label,
    license: ps.license,
    apiVersion: profile.apiVersion,
    objectPermissions: profile.objectPermissions.filter((p) => p.allowRead || p.allowCreate || p.allowEdit || p.allowDelete || p.viewAllRecords || p.modifyAllRecords),
    fieldPermissions: profile.fieldPermissions.filter((p) => p.readable),
    userPermissions: profile.userPermissions.filter((p) => p.enabled),
    warnings: profile.warnings,
    ...(ps.description !== undefined ? { description: ps.description } : {}),
  };
}
