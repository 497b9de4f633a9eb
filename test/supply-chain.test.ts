import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../src/paths';
import { checkLicences, licenceAllowed, type LockFile } from '../scripts/supply-chain/licence-policy';

const lockOf = (packages: LockFile['packages']): LockFile => ({ packages: { '': {}, ...packages } });

describe('licence policy (reliability proof 19)', () => {
  it('passes the lockfile we ship', () => {
    const lock = JSON.parse(fs.readFileSync(path.join(projectRoot, 'package-lock.json'), 'utf8')) as LockFile;
    const { violations, counts } = checkLicences(lock);
    expect(violations).toEqual([]);
    expect(counts.MIT).toBeGreaterThan(100);
  });

  it.each([
    ['MIT', true],
    ['(MIT OR GPL-3.0)', true],
    ['(GPL-3.0 OR AGPL-3.0)', false],
    ['(MIT AND Zlib)', true],
    ['(MIT AND GPL-3.0)', false],
    ['(MIT OR Apache-2.0) AND GPL-3.0', false],
    ['GPL-3.0', false],
    ['SEE LICENSE IN LICENSE.md', false],
  ])('%s allowed for a shipped package: %s', (expression, allowed) => {
    expect(licenceAllowed(expression, new Set(['MIT', 'Apache-2.0', 'Zlib']))).toBe(allowed);
  });

  it('refuses copyleft or missing licences in shipped packages, and allows MPL-2.0 in development tools only', () => {
    const { violations } = checkLicences(
      lockOf({
        'node_modules/express': { license: 'MIT' },
        'node_modules/left-pad-gpl': { license: 'GPL-3.0' },
        'node_modules/a/node_modules/mystery': {},
        'node_modules/axe-core': { license: 'MPL-2.0', dev: true },
        'node_modules/shipped-mpl': { license: 'MPL-2.0' },
        'node_modules/dev-agpl': { license: 'AGPL-3.0', dev: true },
      }),
    );
    expect(violations.map((v) => [v.name, v.runtime])).toEqual([
      ['left-pad-gpl', true],
      ['mystery', true],
      ['shipped-mpl', true],
      ['dev-agpl', false],
    ]);
  });
});
