/** A small org catalogue for tests (the shape `apionly discover` writes); override what a test cares about. */
import type { CatalogueObject, OrgCatalogue } from '../../src/model/orgCatalogue';

export function catalogueObject(fields: CatalogueObject['fields'], extra: Partial<CatalogueObject> = {}): CatalogueObject {
  return { kind: 'standard', objectPermissions: true, viewAllModifyAll: true, fields, ...extra };
}

export function smallCatalogue(overrides: Partial<OrgCatalogue> = {}): OrgCatalogue {
  return {
    format: 'apionly-catalogue',
    version: 1,
    org: { id: '00D000000000001AAA', edition: 'Enterprise Edition', sandbox: false, apiVersion: '66.0' },
    features: { streamingApi: true },
    userLicenses: { Salesforce: { masterLabel: 'Salesforce', status: 'Active', seats: 10 } },
    permissionSetLicenses: { SalesforceAPIIntegrationPsl: { masterLabel: 'Salesforce API Integration', status: 'Active', seats: 5 } },
    userPermissions: ['ApiEnabled', 'ApiUserOnly', 'AuthorApex', 'CustomizeApplication', 'ManageUsers', 'ModifyAllData', 'RunReports', 'ViewAllData', 'ViewAllUsers', 'ViewSetup'],
    referenceProfile: { name: 'System Administrator', userPermissions: ['ApiEnabled', 'AuthorApex', 'CustomizeApplication', 'ManageUsers', 'ModifyAllData', 'RunReports', 'ViewAllData', 'ViewSetup'] },
    objects: {
      Account: catalogueObject({ AccountNumber: 'editable', Phone: 'editable', Rating__c: 'calculated' }),
      Invoice__c: catalogueObject({ Amount__c: 'editable', Number__c: 'autoNumber', Total__c: 'calculated', Parent__c: 'masterDetail', Code__c: 'required' }, { kind: 'custom' }),
      OpportunityLineItem: catalogueObject({ Discount: 'editable', ProductCode: 'calculated' }, { objectPermissions: false }),
      Product2: catalogueObject({ Family: 'editable' }, { viewAllModifyAll: false }),
      Quote: catalogueObject({ ExpirationDate: 'editable', QuoteNumber: 'readOnly' }),
    },
    ...overrides,
  };
}
