/**
 * Deterministic fault injection for tests: "make the next N calls of this kind fail this way".
 * Faults are consumed in the order they were added; each one applies to at most `count` matching calls.
 * Nothing here is Salesforce behaviour: it is test machinery (emulator-invented).
 */

export const FAULT_KINDS = ['soap-fault', 'http-500', 'http-503', 'drop', 'slow', 'deploy-stuck', 'component-failure'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/**
 * What a fault applies to. Every given field must match. `route` is the REST route kind (see RouteKind)
 * or 'soap' for any SOAP call; `soapMethod` a Metadata API method (deploy, checkDeployStatus, retrieve, …);
 * `sobject` the sObject type of a REST sobject call (User, Profile, …) or the FROM type of a query.
 */
export interface FaultMatch {
  readonly route?: string;
  readonly soapMethod?: string;
  readonly sobject?: string;
}

export interface FaultSpec {
  readonly kind: FaultKind;
  /** How many matching calls (or deploys) it affects; default 1. */
  readonly count?: number;
  readonly match?: FaultMatch;
  /** soap-fault: e.g. 'sf:INVALID_CROSS_REFERENCE_KEY' (default 'sf:UNKNOWN_EXCEPTION'). */
  readonly faultcode?: string;
  /** soap-fault: the text (default derived from the code). */
  readonly faultstring?: string;
  /** slow: delay before answering, in ms (default 1000). */
  readonly delayMs?: number;
  /** deploy-stuck: extra polls the deploy stays InProgress (default 5). */
  readonly polls?: number;
  /** component-failure: 'Type:fullName', e.g. 'Profile:API Only'. */
  readonly component?: string;
  /** component-failure: the problem text (default an emulator-invented one). */
  readonly problem?: string;
}

export interface ActiveFault extends FaultSpec {
  readonly id: string;
  /** Calls (or deploys) it still affects. */
  readonly remaining: number;
}

export interface FaultController {
  /** Adds a fault; returns its id. Throws FaultSpecError for a bad spec. */
  add(spec: FaultSpec): string;
  list(): readonly ActiveFault[];
  remove(id: string): boolean;
  clear(): void;
}

/** What a call looks like to fault matching. */
export interface CallDescriptor {
  readonly route: string;
  readonly soapMethod?: string;
  readonly sobject?: string;
}

export class FaultSpecError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FaultSpecError';
  }
}

interface MutableFault extends FaultSpec {
  id: string;
  remaining: number;
}

/** Validates untrusted JSON (admin endpoint, env, CLI flag) into a FaultSpec. */
export function parseFaultSpec(raw: unknown, where: string): FaultSpec {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new FaultSpecError(`${where}: a fault must be a JSON object like {"kind":"http-503","count":1}, got ${JSON.stringify(raw)}`);
  }
  const o = raw as Record<string, unknown>;
  const kind = o['kind'];
  if (typeof kind !== 'string' || !(FAULT_KINDS as readonly string[]).includes(kind)) {
    throw new FaultSpecError(`${where}: "kind" must be one of ${FAULT_KINDS.join(', ')}; got ${JSON.stringify(kind)}`);
  }
  const known = new Set(['kind', 'count', 'match', 'faultcode', 'faultstring', 'delayMs', 'polls', 'component', 'problem']);
  for (const key of Object.keys(o)) {
    if (!known.has(key)) throw new FaultSpecError(`${where}: unknown field "${key}" (allowed: ${[...known].join(', ')})`);
  }
  const positiveInt = (name: string): number | undefined => {
    const v = o[name];
    if (v === undefined) return undefined;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) {
      throw new FaultSpecError(`${where}: "${name}" must be a whole number >= 0, got ${JSON.stringify(v)}`);
    }
    return v;
  };
  const str = (name: string): string | undefined => {
    const v = o[name];
    if (v === undefined) return undefined;
    if (typeof v !== 'string' || v === '') throw new FaultSpecError(`${where}: "${name}" must be a non-empty string, got ${JSON.stringify(v)}`);
    return v;
  };
  let match: FaultMatch | undefined;
  if (o['match'] !== undefined) {
    const m = o['match'];
    if (typeof m !== 'object' || m === null || Array.isArray(m)) {
      throw new FaultSpecError(`${where}: "match" must be an object like {"soapMethod":"deploy"}, got ${JSON.stringify(m)}`);
    }
    const mm = m as Record<string, unknown>;
    const out: { route?: string; soapMethod?: string; sobject?: string } = {};
    for (const [k, v] of Object.entries(mm)) {
      if (k !== 'route' && k !== 'soapMethod' && k !== 'sobject') {
        throw new FaultSpecError(`${where}: unknown match field "${k}" (allowed: route, soapMethod, sobject)`);
      }
      if (typeof v !== 'string' || v === '') throw new FaultSpecError(`${where}: match.${k} must be a non-empty string, got ${JSON.stringify(v)}`);
      out[k] = v;
    }
    match = out;
  }
  const component = str('component');
  if (kind === 'component-failure' && (component === undefined || !/^[^:]+:.+$/.test(component))) {
    throw new FaultSpecError(`${where}: a component-failure needs "component" as "Type:fullName", e.g. "Profile:API Only"; got ${JSON.stringify(component)}`);
  }
  const faultcode = str('faultcode');
  const spec: Record<string, unknown> = { kind };
  const set = (k: string, v: unknown): void => {
    if (v !== undefined) spec[k] = v;
  };
  const count = positiveInt('count');
  if (count === 0) throw new FaultSpecError(`${where}: "count" must be at least 1 (it is how many calls the fault affects)`);
  set('count', count);
  set('match', match);
  set('faultcode', faultcode);
  set('faultstring', str('faultstring'));
  set('delayMs', positiveInt('delayMs'));
  set('polls', positiveInt('polls'));
  set('component', component);
  set('problem', str('problem'));
  return spec as unknown as FaultSpec;
}

/** Parses APIONLY_EMULATOR_FAULTS / --fault values: one JSON object or an array of them. */
export function parseFaultList(json: string, where: string): FaultSpec[] {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (err) {
    throw new FaultSpecError(`${where}: not valid JSON (${err instanceof Error ? err.message : String(err)}): ${json}`);
  }
  const list = Array.isArray(raw) ? raw : [raw];
  return list.map((item, i) => parseFaultSpec(item, Array.isArray(raw) ? `${where}[${i}]` : where));
}

function matches(fault: FaultSpec, call: CallDescriptor): boolean {
  const m = fault.match;
  if (!m) return true;
  if (m.route !== undefined && m.route !== call.route) return false;
  if (m.soapMethod !== undefined && m.soapMethod !== call.soapMethod) return false;
  if (m.sobject !== undefined && m.sobject.toLowerCase() !== (call.sobject ?? '').toLowerCase()) return false;
  return true;
}

export class FaultRegistry implements FaultController {
  private readonly faults: MutableFault[] = [];
  private next = 1;

  add(spec: FaultSpec): string {
    const checked = parseFaultSpec(spec, 'fault');
    const id = `fault-${this.next++}`;
    this.faults.push({ ...checked, id, remaining: checked.count ?? 1 });
    return id;
  }

  list(): readonly ActiveFault[] {
    return this.faults.map((f) => ({ ...f }));
  }

  remove(id: string): boolean {
    const i = this.faults.findIndex((f) => f.id === id);
    if (i < 0) return false;
    this.faults.splice(i, 1);
    return true;
  }

  clear(): void {
    this.faults.length = 0;
  }

  /** Takes (consumes one use of) the first fault of one of these kinds that matches the call. */
  take(kinds: readonly FaultKind[], call: CallDescriptor, extra?: (f: FaultSpec) => boolean): FaultSpec | undefined {
    const fault = this.faults.find((f) => kinds.includes(f.kind) && f.remaining > 0 && matches(f, call) && (!extra || extra(f)));
    if (!fault) return undefined;
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.remove(fault.id);
    return fault;
  }

  /** Takes every matching fault of a kind once (e.g. all 'slow' faults add up). */
  takeAll(kind: FaultKind, call: CallDescriptor): FaultSpec[] {
    const taken: FaultSpec[] = [];
    for (const f of [...this.faults]) {
      if (f.kind === kind && f.remaining > 0 && matches(f, call)) {
        f.remaining -= 1;
        if (f.remaining <= 0) this.remove(f.id);
        taken.push(f);
      }
    }
    return taken;
  }
}
