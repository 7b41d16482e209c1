import type { OrgState } from '../state';

export interface Problem {
  readonly problem: string;
  readonly lineNumber?: number;
  readonly columnNumber?: number;
}

/** What a component handler sees: the working copy of the org (mutated only when the component is valid). */
export interface DeployContext {
  readonly state: OrgState;
  readonly now: string;
  /** package.xml <version>, e.g. 64 */
  readonly apiVersion: number;
  nextId(prefix: string): string;
}

export interface ComponentResult {
  readonly problems: readonly Problem[];
  readonly created: boolean;
  readonly changed: boolean;
}

/** Marks a message the emulator made up because Salesforce's own text is not known. */
export const INVENTED = ' (emulator-invented message)';
