import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../src/paths';
import { checkLicences, type LockFile } from './supply-chain/licence-policy';

/**
 * npm run check:supply-chain (reliability proof 19)
 * 1. Every package in package-lock.json against the licence policy (scripts/supply-chain/licence-policy.ts).
 * 2. `npm audit` where the registry answers: fails on a high or critical advisory unless it is listed with a reason in
 *    scripts/supply-chain/accepted-advisories.json. A registry that does not offer the audit endpoint is reported,
 *    not treated as a pass of the audit itself.
 */

const lock = JSON.parse(fs.readFileSync(path.join(projectRoot, 'package-lock.json'), 'utf8')) as LockFile;
const { violations, counts } = checkLicences(lock);
const summary = Object.entries(counts)
  .sort((a, b) => b[1] - a[1])
  .map(([licence, n]) => `${licence} ${n}`)
  .join(', ');
process.stdout.write(`licences: ${summary}\n`);
for (const v of violations) {
  process.stdout.write(`  REFUSED ${v.name} (${v.licence}, ${v.runtime ? 'runtime' : 'dev'}): ${v.reason}\n`);
}
let failed = violations.length > 0;
process.stdout.write(`licence policy: ${failed ? `${violations.length} refused` : 'ok'}\n`);

interface AuditReport {
  vulnerabilities?: Record<string, { severity: string; via: unknown[] }>;
  error?: { summary?: string };
  message?: string;
}
const accepted = JSON.parse(
  fs.readFileSync(path.join(projectRoot, 'scripts', 'supply-chain', 'accepted-advisories.json'), 'utf8'),
) as Record<string, string>;
const audit = spawnSync('npm', ['audit', '--json'], { cwd: projectRoot, encoding: 'utf8', timeout: 120_000 });
let report: AuditReport | undefined;
try {
  report = JSON.parse(audit.stdout) as AuditReport;
} catch {
  report = undefined;
}
if (!report?.vulnerabilities) {
  const why = report?.message ?? report?.error?.summary ?? (audit.error ? audit.error.message : 'no answer');
  process.stdout.write(
    `npm audit: the registry did not answer (${why}); advisories NOT checked in this run\n`,
  );
} else {
  const serious = Object.entries(report.vulnerabilities).filter(
    ([, v]) => v.severity === 'high' || v.severity === 'critical',
  );
  for (const [name, v] of serious) {
    const reason = accepted[name];
    process.stdout.write(`  ${v.severity} ${name}: ${reason ? `accepted: ${reason}` : 'NOT ACCEPTED'}\n`);
    if (!reason) failed = true;
  }
  process.stdout.write(
    `npm audit: ${Object.keys(report.vulnerabilities).length} advisories, ${serious.length} high or critical\n`,
  );
}
process.exitCode = failed ? 1 : 0;
