import { ALWAYS_ON_OBJECTS, DEFAULT_ON_OBJECTS, FEATURE_OBJECTS, NEVER_EMIT_OBJECTS, catalogueStatus, objectKindOf, whyNotListable } from '../../../src/model/catalogue';

describe('standard object catalogue (standard-objects.md §2)', () => {
  it('holds the always-on set of §2.1', () => {
    expect([...ALWAYS_ON_OBJECTS].sort()).toEqual(
      ['Account', 'Asset', 'Campaign', 'Case', 'Contact', 'Contract', 'DuplicateRecordSet', 'Lead', 'Macro', 'Opportunity', 'Pricebook2', 'Product2', 'Solution'].sort(),
    );
    expect(DEFAULT_ON_OBJECTS).toEqual(['Idea', 'QuickText', 'StreamingChannel']);
  });

  it('keeps the sets apart', () => {
    const sets = [ALWAYS_ON_OBJECTS, DEFAULT_ON_OBJECTS, Object.keys(FEATURE_OBJECTS), Object.keys(NEVER_EMIT_OBJECTS)];
    const all = sets.flat();
    expect(new Set(all).size).toBe(all.length);
  });

  it.each([
    ['Account', 'alwaysOn'],
    ['Idea', 'defaultOn'],
    ['Order', 'feature'],
    ['Quote', 'feature'],
    ['Task', 'neverEmit'],
    ['OpportunityLineItem', 'neverEmit'],
    ['Survey', 'unknown'],
  ])('%s is %s', (name, status) => {
    expect(catalogueStatus(name)).toBe(status);
  });

  it.each([
    ['Account', 'standard'],
    ['Invoice__c', 'custom'],
    ['ns__Invoice__c', 'custom'],
    ['Routing__mdt', 'customMetadata'],
    ['Shipped__e', 'platformEvent'],
    ['Erp__x', 'externalObject'],
    ['Log__b', 'bigObject'],
    ['FAQ__kav', 'knowledge'],
    ['Invoice__Share', 'other'],
  ])('%s is a %s object', (name, kind) => {
    expect(objectKindOf(name)).toBe(kind);
  });

  it('says why a name cannot be listed', () => {
    expect(whyNotListable('Task')).toMatch(/EditTask/);
    expect(whyNotListable('User')).toMatch(/ViewAllUsers/);
    expect(whyNotListable('Routing__mdt')).toMatch(/customMetadataTypeAccesses/);
    expect(whyNotListable('Order')).toBeUndefined();
    expect(whyNotListable('Invoice__c')).toBeUndefined();
  });
});
