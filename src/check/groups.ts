/** The check groups `apionly check` runs, in report order. Add a group here (see ./index.ts). */
import { adminChecks } from './admin';
import { integrationChecks } from './integration';
import { streamingChecks } from './streaming';
import type { CheckGroup } from './types';

export const CHECK_GROUPS: readonly CheckGroup[] = [adminChecks, integrationChecks, streamingChecks];
