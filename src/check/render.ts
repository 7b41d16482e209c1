/** The human report of `apionly check`: one line per check, its detail, and the fix under each failure. */
import type { CheckReport } from './types';

export function renderCheckReport(report: CheckReport): string[] {
  const lines: string[] = [];
  lines.push(`Org: ${report.org.name} (${report.org.id}), ${report.org.isSandbox ? 'sandbox' : 'production'}, ${report.org.instanceUrl}`);
  lines.push(`Integration user: ${report.integrationUser}${report.orgKey ? ` (orgs.${report.orgKey})` : ''}`);
  for (const group of report.groups) {
    lines.push('', `${group.title}:`);
    for (const r of group.results) {
      lines.push(`  ${r.passed ? 'PASS' : 'FAIL'}  ${r.name}: ${r.detail}`);
      if (!r.passed && r.fix) lines.push(`        fix: ${r.fix}`);
    }
  }
  const all = report.groups.flatMap((g) => g.results);
  const failed = all.filter((r) => !r.passed).length;
  lines.push('', failed === 0 ? `All ${all.length} checks passed.` : `${failed} of ${all.length} checks failed (exit ${report.exitCode}).`);
  return lines;
}
