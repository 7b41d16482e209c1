/**
 * The org as one user sees it, for sessions issued through OAuth: reads and writes of business objects (Account,
 * custom objects, …) need that user's object permissions, as on a real org, where an object the user cannot read
 * does not exist for them (INVALID_TYPE, the same text as an unknown object). Setup objects (User, Organization,
 * Profile, …) stay readable; writing them, and Metadata API calls, are refused. A deactivated user's session is
 * invalid, and a user without API Enabled gets API_DISABLED_FOR_ORG.
 */
import { SalesforceError, type EmulatedOrg } from '../api';
import { parseSoql, soqlError } from '../soql/parse';
import { businessObject } from '../sobjects/schema';
import { NON_PERMISSIONABLE_OBJECTS } from '../seed/objects';
import type { OrgState, UserState } from '../state';
import { canRead, hasUserPermission, objectAccess } from './userAccess';

const NOT_SUPPORTED = (name: string): string =>
  `sObject type '${name}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.`;

export function userView(org: EmulatedOrg, state: () => OrgState, userId: string): EmulatedOrg {
  const user = (): UserState => {
    const s = state();
    const u = s.users.find((x) => x.id === userId);
    if (!u || u.fields['IsActive'] !== true) throw new SalesforceError('INVALID_SESSION_ID', 'Session expired or invalid', 401);
    if (!hasUserPermission(s, u, 'ApiEnabled')) throw new SalesforceError('API_DISABLED_FOR_ORG', 'API is not enabled for this Organization or Partner', 403);
    return u;
  };
  // Objects without object permissions (User, Task, …: access comes from elsewhere) count as setup objects here.
  const business = (name: string): string | undefined => {
    const object = businessObject(state(), name)?.name;
    return object !== undefined && NON_PERMISSIONABLE_OBJECTS.includes(object) ? undefined : object;
  };
  const mayRead = (name: string): boolean => {
    const u = user();
    const object = business(name);
    return object === undefined || canRead(state(), u, object);
  };
  const mayWrite = (name: string, flag: 'allowCreate' | 'allowEdit' | 'allowDelete'): void => {
    const u = user();
    const object = business(name);
    if (object === undefined) throw new SalesforceError('INSUFFICIENT_ACCESS_OR_READONLY', `insufficient access rights on object ${name} (emulator-invented message)`);
    if (!canRead(state(), u, object)) throw new SalesforceError('NOT_FOUND', `The requested resource does not exist`, 404);
    if (objectAccess(state(), u, object)?.[flag] !== true && !hasUserPermission(state(), u, 'ModifyAllData')) {
      throw new SalesforceError('INSUFFICIENT_ACCESS_OR_READONLY', `insufficient access rights on object ${object} (emulator-invented message)`);
    }
  };
  const checkQuery = (soql: string): void => {
    user();
    let from: string;
    let pos: number;
    let text: string;
    try {
      const q = parseSoql(soql);
      ({ from, fromPos: pos, text } = q);
    } catch {
      return; // the org's own parser reports the syntax error
    }
    if (!mayRead(from)) throw soqlError('INVALID_TYPE', text, pos, NOT_SUPPORTED(from));
  };
  const refuseMetadata = (): never => {
    throw new SalesforceError('INSUFFICIENT_ACCESS', 'The integration session cannot use the Metadata API in the emulated org (emulator-invented message)', 403);
  };
  const view: EmulatedOrg = {
    get identity() {
      return org.identity;
    },
    get kind() {
      return org.kind;
    },
    maxApiVersion: org.maxApiVersion,
    query: (soql) => {
      checkQuery(soql);
      return org.query(soql);
    },
    queryColumns: (soql) => {
      checkQuery(soql);
      return org.queryColumns(soql);
    },
    describe: (type) => {
      if (!mayRead(type)) throw new SalesforceError('NOT_FOUND', `The requested resource does not exist`, 404);
      return org.describe(type);
    },
    describeGlobal: () => {
      user();
      const d = org.describeGlobal();
      const list = (d['sobjects'] as Array<Record<string, unknown>> | undefined) ?? [];
      return { ...d, sobjects: list.filter((o) => mayRead(String(o['name']))) };
    },
    create: (type, fields) => {
      mayWrite(type, 'allowCreate');
      return org.create(type, fields);
    },
    update: (type, id, fields) => {
      mayWrite(type, 'allowEdit');
      org.update(type, id, fields);
    },
    retrieve: ((a: string | readonly unknown[], b: string, c?: readonly string[]) => {
      if (typeof a !== 'string') return refuseMetadata();
      if (!mayRead(a)) throw new SalesforceError('NOT_FOUND', `The requested resource does not exist`, 404);
      return org.retrieve(a, b, c);
    }) as EmulatedOrg['retrieve'],
    delete: (type, id) => {
      mayWrite(type, 'allowDelete');
      org.delete(type, id);
    },
    resetPassword: () => refuseMetadata(),
    deploy: () => refuseMetadata(),
    listMetadata: () => refuseMetadata(),
    describeMetadata: () => refuseMetadata(),
    toJSON: () => org.toJSON(),
  };
  return view;
}
