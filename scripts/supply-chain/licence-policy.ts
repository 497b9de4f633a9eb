/**
 * Licence policy for everything installed from package-lock.json (reliability proof 19).
 * Shipped (runtime) packages must carry a permissive licence. Development-only tools may also use the licences in
 * DEV_ONLY: they run on our machines and in CI and are never part of what a trust installs.
 */
export const PERMISSIVE = [
  'MIT',
  'ISC',
  'Apache-2.0',
  'BSD-2-Clause',
  'BSD-3-Clause',
  '0BSD',
  'BlueOak-1.0.0',
  'Zlib',
  'CC0-1.0',
] as const;

/** Why each is acceptable for development tools only. */
export const DEV_ONLY: Record<string, string> = {
  'MPL-2.0': 'axe-core (accessibility tests): file-level copyleft; we neither modify nor ship it',
  'CC-BY-4.0': 'caniuse-lite browser data used by the test toolchain; attribution kept in node_modules',
  'Python-2.0': 'argparse (a dependency of the linter tooling): permissive, PSF-style',
  WTFPL: 'offered as an alternative to MIT only',
};

export interface LockPackage {
  license?: string;
  dev?: boolean;
  devOptional?: boolean;
  optional?: boolean;
}

export interface LockFile {
  packages: Record<string, LockPackage>;
}

export interface LicenceViolation {
  name: string;
  licence: string;
  runtime: boolean;
  reason: string;
}

const nameOf = (lockPath: string) =>
  lockPath.slice(lockPath.lastIndexOf('node_modules/') + 'node_modules/'.length);

/**
 * Whether an SPDX expression is allowed: a single identifier, or a flat `(A OR B ...)` (any one allowed) or
 * `(A AND B ...)` (all allowed). Anything more complex is refused so a person looks at it.
 */
export function licenceAllowed(expression: string, allowed: ReadonlySet<string>): boolean {
  const inner = expression.trim().replace(/^\((.*)\)$/, '$1');
  const hasOr = / OR /.test(inner);
  const hasAnd = / AND /.test(inner);
  if (hasOr && hasAnd) return false;
  if (inner.includes('(')) return false;
  if (hasOr) return inner.split(' OR ').some((id) => allowed.has(id.trim()));
  if (hasAnd) return inner.split(' AND ').every((id) => allowed.has(id.trim()));
  return allowed.has(inner);
}

/** Every installed package checked against the policy; the counts per licence for the report. */
export function checkLicences(lock: LockFile): {
  violations: LicenceViolation[];
  counts: Record<string, number>;
} {
  const runtimeAllowed = new Set<string>(PERMISSIVE);
  const devAllowed = new Set<string>([...PERMISSIVE, ...Object.keys(DEV_ONLY)]);
  const violations: LicenceViolation[] = [];
  const counts: Record<string, number> = {};
  for (const [lockPath, pkg] of Object.entries(lock.packages)) {
    if (lockPath === '' || !lockPath.includes('node_modules/')) continue;
    const runtime = !pkg.dev && !pkg.devOptional;
    const licence = pkg.license?.trim() ?? '';
    counts[licence || '(none)'] = (counts[licence || '(none)'] ?? 0) + 1;
    if (licence === '') {
      violations.push({ name: nameOf(lockPath), licence: '(none)', runtime, reason: 'no licence declared' });
    } else if (!licenceAllowed(licence, runtime ? runtimeAllowed : devAllowed)) {
      violations.push({
        name: nameOf(lockPath),
        licence,
        runtime,
        reason: runtime ? 'not a permissive licence for a shipped package' : 'not in the development policy',
      });
    }
  }
  return { violations, counts };
}
