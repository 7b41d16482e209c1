import { classifyField, hasViewAllModifyAll, nearestNames, type FieldFacts } from '../../../src/model/orgCatalogue';

const base: FieldFacts = { type: 'string', nillable: true, createable: true, updateable: true, defaultedOnCreate: false };

describe('classifyField (standard-objects §3c)', () => {
  it.each<[string, Partial<FieldFacts>, string]>([
    ['a plain text field', {}, 'editable'],
    ['a formula', { calculated: true, createable: false, updateable: false }, 'calculated'],
    ['an auto-number', { autoNumber: true, createable: false, updateable: false, nillable: false, defaultedOnCreate: true }, 'autoNumber'],
    ['a required field', { nillable: false }, 'required'],
    ['a checkbox (not nillable, defaulted on create)', { type: 'boolean', nillable: false, defaultedOnCreate: true }, 'editable'],
    ['a master-detail (relationshipOrder 0)', { type: 'reference', nillable: false, relationshipOrder: 0, cascadeDelete: true }, 'masterDetail'],
    ['a lookup', { type: 'reference', relationshipOrder: null }, 'editable'],
    ['a system-written field', { createable: false, updateable: false }, 'readOnly'],
  ])('Given %s, Then %s', (_, facts, expected) => {
    expect(classifyField({ ...base, ...facts })).toBe(expected);
  });
});

describe('hasViewAllModifyAll (standard-objects §3a)', () => {
  it.each([['Account', true], ['Product2', false], ['Idea', false], ['Order_Event__e', false], ['Invoice__c', true], ['Ext__x', false]])('%s -> %s', (name, expected) => {
    expect(hasViewAllModifyAll(name as string)).toBe(expected);
  });
});

describe('nearestNames', () => {
  const known = ['ApiEnabled', 'ApiUserOnly', 'ViewAllData', 'ViewAllUsers', 'ModifyAllData', 'ManageUsers'];
  it('Given a misspelt name, Then the closest names come first', () => {
    expect(nearestNames('ViewAllUser', known)[0]).toBe('ViewAllUsers');
    expect(nearestNames('apienabled', known)).toEqual(['ApiEnabled']);
    expect(nearestNames('ModifyAll', known)).toContain('ModifyAllData');
  });
  it('Given nothing close, Then no names', () => {
    expect(nearestNames('Xyzzy', known)).toEqual([]);
  });
});
