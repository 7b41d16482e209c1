import { catalogLookup, findField, findObject } from '../../../src/emulator/model/orgCatalog';
import { newOrgState } from '../../../src/emulator/model/seed/newOrgState';
import type { OrgState } from '../../../src/emulator/model/state';

function stateWith(customObjects: number, fieldsPerObject: number): OrgState {
  return newOrgState({ features: { Orders: true }, customObjects: { count: customObjects, fieldsPerObject } }, 'Ab', '2026-01-01T00:00:00.000Z');
}

/** Counts the passes over state.customObjects (find, iteration) that lookups make. */
function countScans(state: OrgState): () => number {
  let scans = 0;
  const list = state.customObjects;
  const find = list.find.bind(list);
  const iterate = list[Symbol.iterator].bind(list);
  Object.defineProperty(list, 'find', { value: (...args: Parameters<typeof find>) => (scans++, find(...args)) });
  Object.defineProperty(list, Symbol.iterator, { value: () => (scans++, iterate()) });
  return () => scans;
}

describe('orgCatalog: catalogLookup (many lookups in one state)', () => {
  const names = ['Account', 'Order', 'Obj0001__c', 'Obj0003__c', 'Obj0009__c', 'Nope__c', 'Obj0001', 'Task', 'UserLogin', 'account'];

  it.each(names)('Given a seeded org, When %s is looked up, Then it answers as findObject does', (name) => {
    // Arrange
    const state = stateWith(3, 5);
    // Act / Assert
    expect(catalogLookup(state).object(name)).toEqual(findObject(state, name));
  });

  it.each([
    ['Obj0001__c', 'Field01__c'],
    ['Obj0002__c', 'Field05__c'],
    ['Obj0002__c', 'Field99__c'],
    ['Nope__c', 'Field01__c'],
    ['Account', 'Name'],
    ['Account', 'Rating'],
    ['Account', 'NoSuchField'],
  ])('Given a seeded org, When field %s.%s is looked up, Then it answers as findField does', (object, field) => {
    const state = stateWith(2, 5);
    expect(catalogLookup(state).field(object, field)).toEqual(findField(state, object, field));
  });

  it('Given 50 custom objects, When 2,000 field lookups are made, Then the custom objects are scanned once (findObject scans per call)', () => {
    // Arrange
    const state = stateWith(50, 40);
    const scans = countScans(state);
    const lookup = catalogLookup(state);
    // Act
    for (const o of state.customObjects.slice()) for (const f of o.fields) expect(lookup.field(o.fullName, f.fullName)).toBeDefined();
    // Assert: one pass to build the index (the copy iterated above is not the org's list)
    expect(scans()).toBe(1);
    findObject(state, 'Obj0050__c');
    expect(scans()).toBe(2);
  });
});
