/** Fault specs (from JSON: admin endpoint, env, --fault) and how the registry consumes them. */
import { FaultRegistry, FaultSpecError, parseFaultList, parseFaultSpec } from '../../../src/emulator/server/faults';
import { IdSequence } from '../../../src/emulator/server/ids';
import { toId18 } from '../../../src/emulator/model';

describe('parseFaultSpec', () => {
  it.each([
    [[1], /must be a JSON object/],
    [{ kind: 'explode' }, /"kind" must be one of soap-fault, http-500/],
    [{ kind: 'drop', count: 0 }, /"count" must be at least 1/],
    [{ kind: 'drop', count: 1.5 }, /"count" must be a whole number/],
    [{ kind: 'drop', colour: 'red' }, /unknown field "colour"/],
    [{ kind: 'drop', match: { method: 'deploy' } }, /unknown match field "method"/],
    [{ kind: 'drop', match: 'deploy' }, /"match" must be an object/],
    [{ kind: 'component-failure' }, /needs "component" as "Type:fullName"/],
    [{ kind: 'component-failure', component: 'API Only' }, /needs "component" as "Type:fullName"/],
    [{ kind: 'soap-fault', faultcode: '' }, /"faultcode" must be a non-empty string/],
  ])('rejects %j with a message that says what to write', (raw, message) => {
    expect(() => parseFaultSpec(raw, 'fault')).toThrow(message);
    expect(() => parseFaultSpec(raw, 'fault')).toThrow(FaultSpecError);
  });

  it('keeps only the fields given', () => {
    expect(parseFaultSpec({ kind: 'slow', delayMs: 50, match: { route: 'query', sobject: 'User' } }, 'f')).toEqual({
      kind: 'slow',
      delayMs: 50,
      match: { route: 'query', sobject: 'User' },
    });
  });

  it('parseFaultList reads one object or an array and names the bad entry', () => {
    expect(parseFaultList('{"kind":"drop"}', 'ENV')).toEqual([{ kind: 'drop' }]);
    expect(parseFaultList('[{"kind":"drop"},{"kind":"http-503","count":2}]', 'ENV')).toHaveLength(2);
    expect(() => parseFaultList('[{"kind":"drop"},{"kind":"nope"}]', 'ENV')).toThrow(/^ENV\[1\]: "kind"/);
    expect(() => parseFaultList('{nope', 'ENV')).toThrow(/ENV: not valid JSON/);
  });
});

describe('FaultRegistry', () => {
  it('applies faults in the order added, each to at most `count` matching calls', () => {
    const r = new FaultRegistry();
    r.add({ kind: 'http-503', count: 2, match: { route: 'query' } });
    r.add({ kind: 'http-500', match: { sobject: 'user' } });
    expect(r.take(['http-500', 'http-503'], { route: 'describe', sobject: 'User' })?.kind).toBe('http-500'); // sobject matches case-insensitively
    expect(r.take(['http-500', 'http-503'], { route: 'describe', sobject: 'User' })).toBeUndefined();
    expect(r.take(['http-503'], { route: 'query' })?.kind).toBe('http-503');
    expect(r.list()).toEqual([expect.objectContaining({ kind: 'http-503', remaining: 1 })]);
    expect(r.take(['http-503'], { route: 'query' })?.kind).toBe('http-503');
    expect(r.list()).toEqual([]);
  });

  it('takeAll consumes every matching fault of a kind once (slow faults add up)', () => {
    const r = new FaultRegistry();
    r.add({ kind: 'slow', delayMs: 10 });
    r.add({ kind: 'slow', delayMs: 20, count: 2, match: { soapMethod: 'deploy' } });
    const taken = r.takeAll('slow', { route: 'soap', soapMethod: 'deploy' });
    expect(taken.map((f) => f.delayMs)).toEqual([10, 20]);
    expect(r.list()).toEqual([expect.objectContaining({ delayMs: 20, remaining: 1 })]);
  });

  it('remove and clear', () => {
    const r = new FaultRegistry();
    const id = r.add({ kind: 'drop' });
    r.add({ kind: 'drop' });
    expect(r.remove(id)).toBe(true);
    expect(r.remove(id)).toBe(false);
    r.clear();
    expect(r.list()).toEqual([]);
  });
});

describe('ids', () => {
  it('IdSequence gives distinct 18-character ids with the prefix', () => {
    const seq = new IdSequence('0Af');
    const a = seq.next();
    const b = seq.next();
    expect(a).toMatch(/^0Af\w{15}$/);
    expect(a).not.toBe(b);
    expect(toId18(a.slice(0, 15))).toBe(a); // the model's case checksum
  });
});
