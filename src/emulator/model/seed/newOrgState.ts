import { randomBytes } from 'node:crypto';
import { SalesforceError, type OrgOptions } from '../api';
import { KEY_PREFIX, makeId, toId18 } from '../ids';
import type { OrgState, ProfileState } from '../state';
import { DEFAULT_FEATURES, STANDARD_OBJECTS } from './objects';
import { FULL, NONE, STANDARD_PROFILES } from './profiles';
import { isKnownUserPermission } from './userPermissions';
import { addCustomSchema, syntheticObjects } from './customSchema';

export const DEFAULT_SEATS: Readonly<Record<string, number>> = { Salesforce: 10, 'Salesforce Integration': 5 };
/** The permission set licence of the Salesforce Integration licence (salesforce-facts e); seats default to the licence's. */
export const INTEGRATION_PSL = 'SalesforceAPIIntegrationPsl';

/** Builds a freshly seeded org. `podTag` keeps ids distinct between orgs of one world. */
export function newOrgState(options: OrgOptions, podTag: string, now: string): OrgState {
  let seq = 0;
  const id = (prefix: string): string => makeId(prefix, podTag, ++seq);
  const orgId = (options.orgId !== undefined ? toId18(options.orgId) : undefined) ?? makeId(KEY_PREFIX.Organization, podTag, 1);
  const userId = id(KEY_PREFIX.User);
  const accessToken = options.accessToken ?? `${orgId.slice(0, 15)}!AQ${randomBytes(24).toString('hex')}`;
  const username = options.adminUsername ?? `admin@${orgId.slice(0, 15).toLowerCase()}.example.com`;
  const audit = { createdDate: now, lastModifiedDate: now, createdById: userId, lastModifiedById: userId };
  const seats = { ...DEFAULT_SEATS, ...(options.seats ?? {}) };
  const licenses = [
    { id: id(KEY_PREFIX.UserLicense), name: 'Salesforce', masterLabel: 'Salesforce', licenseDefinitionKey: 'SFDC', totalLicenses: seats['Salesforce'] ?? 0 },
    {
      id: id(KEY_PREFIX.UserLicense), name: 'Salesforce Integration', masterLabel: 'Salesforce Integration',
      licenseDefinitionKey: 'SFDC_INTEGRATION', totalLicenses: seats['Salesforce Integration'] ?? 0,
    },
  ];
  for (const [name, total] of Object.entries(seats)) {
    if (name !== INTEGRATION_PSL && !licenses.some((l) => l.name === name)) {
      licenses.push({ id: id(KEY_PREFIX.UserLicense), name, masterLabel: name, licenseDefinitionKey: name.toUpperCase().replace(/\W+/g, '_'), totalLicenses: total });
    }
  }
  for (const f of Object.keys(options.features ?? {})) {
    if (!(f in DEFAULT_FEATURES)) throw new SalesforceError('INVALID_INPUT', `Unknown org feature '${f}'; known: ${Object.keys(DEFAULT_FEATURES).join(', ')} (emulator-invented message)`);
  }
  const features = { ...DEFAULT_FEATURES, ...(options.features ?? {}) };
  const profiles: ProfileState[] = STANDARD_PROFILES.map((p) => {
    const userPermissions: Record<string, boolean> = {};
    for (const n of p.permissions) if (isKnownUserPermission(n)) userPermissions[n] = true;
    const objectPermissions: ProfileState['objectPermissions'] = {};
    if (p.objects === 'all') {
      for (const o of STANDARD_OBJECTS) if (!o.feature || features[o.feature]) objectPermissions[o.name] = { ...FULL };
    } else {
      for (const [o, f] of Object.entries(p.objects)) objectPermissions[o] = { ...f };
    }
    return {
      id: id(KEY_PREFIX.Profile), fullName: p.fullName, name: p.name, custom: false, description: p.description, userLicense: p.license,
      userPermissions, objectPermissions, fieldPermissions: {}, extras: {}, ...audit,
    };
  });
  const adminProfile = profiles[0] as ProfileState;
  // Every id is taken before `seq` is stored (the sets once took ids after it, so later records reused them).
  const permissionSetLicenses = [
      {
        id: id(KEY_PREFIX.PermissionSetLicense), developerName: INTEGRATION_PSL, masterLabel: 'Salesforce API Integration',
        totalLicenses: seats[INTEGRATION_PSL] ?? seats['Salesforce Integration'] ?? 0, allowedUserLicenses: ['Salesforce Integration'],
      },
    ];
  const permissionSets: OrgState['permissionSets'] = [
      {
        id: id(KEY_PREFIX.PermissionSet), name: 'Integration_Object_Access', label: 'Integration Object Access',
        description: 'Seeded: object access for Salesforce Integration users (needs the Salesforce API Integration PSL)',
        license: 'SalesforceAPIIntegrationPsl', hasActivationRequired: false, userPermissions: {},
        objectPermissions: { Account: { ...NONE, allowRead: true } },
        fieldPermissions: {}, extras: {}, ...audit,
      },
      {
        id: id(KEY_PREFIX.PermissionSet), name: 'Sales_Reports', label: 'Sales Reports', description: 'Seeded: report access for Salesforce users',
        license: 'Salesforce', hasActivationRequired: false, userPermissions: { RunReports: true, ExportReport: true },
        objectPermissions: {}, fieldPermissions: {}, extras: {}, ...audit,
      },
    ];
  const state: OrgState = {
    identity: { orgId, accessToken, username, userId },
    kind: options.kind ?? 'production',
    edition: options.edition ?? 'Enterprise Edition',
    name: options.name ?? (options.kind === 'sandbox' ? 'Emulated Sandbox' : 'Emulated Org'),
    instanceName: `EMU${podTag.toUpperCase()}`,
    podTag,
    features,
    seq,
    licenses,
    permissionSetLicenses,
    profiles,
    permissionSets,
    customObjects: [],
    users: [
      {
        id: userId,
        fields: {
          Username: username, FirstName: 'Emulated', LastName: 'Admin', Email: username, Alias: 'eadmin', CommunityNickname: 'eadmin',
          TimeZoneSidKey: 'America/Los_Angeles', LocaleSidKey: 'en_US', EmailEncodingKey: 'UTF-8', LanguageLocaleKey: 'en_US',
          ProfileId: adminProfile.id, IsActive: true, UserType: 'Standard', CreatedDate: now, LastModifiedDate: now,
          CreatedById: userId, LastModifiedById: userId,
        },
      },
    ],
    permissionSetAssignments: [],
    permissionSetLicenseAssigns: [],
    events: [],
    ...(options.cdcEntityLimit !== undefined ? { cdcEntityLimit: options.cdcEntityLimit } : {}),
  };
  if (options.customObjects && options.customObjects.count > 0) {
    addCustomSchema(state, syntheticObjects(options.customObjects.count, options.customObjects.fieldsPerObject), id, now);
    for (const o of state.customObjects) adminProfile.objectPermissions[o.fullName] = { ...FULL };
  }
  state.seq = seq;
  return state;
}
