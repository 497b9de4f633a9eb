import fs from 'node:fs';
import path from 'node:path';
import { findDynamicSql, listTypeScriptFiles, type SqlFinding } from '../support/sql-scanner';

const root = path.join(__dirname, '..', '..');
const fixture = path.join(__dirname, 'fixtures', 'dynamic-sql-examples.ts');

describe('no SQL built from strings (reliability proof 8)', () => {
  const sources = listTypeScriptFiles(path.join(root, 'src'));
  let findings: SqlFinding[] = [];
  let calls: SqlFinding[] = [];
  // One type-checked program for both tests (building it is most of the time).
  beforeAll(() => {
    ({ findings, calls } = findDynamicSql([...sources, fixture]));
  }, 60_000);

  it('finds no prepare/exec/pragma on the database in src/ whose SQL is not fixed text', () => {
    expect(sources.length).toBeGreaterThan(20);
    // The scanner recognises the database by type: the repositories' statements are among the calls it examined.
    const examined = calls.map((c) => `${path.relative(root, c.file)} ${c.call}`);
    expect(examined).toContain('src/responses/response-repository.ts db.prepare');
    expect(examined).toContain('src/db/migrate.ts db.exec');
    expect(examined).toContain('src/db/database.ts db.pragma');
    expect(
      findings
        .filter((f) => f.file !== fixture)
        .map((f) => `${path.relative(root, f.file)}:${f.line} ${f.call}(${f.argument})`),
    ).toEqual([]);
  });

  it('reports concatenation, substituted values, mutable fragments and computed SQL, and nothing else', () => {
    const expected = fs
      .readFileSync(fixture, 'utf8')
      .split('\n')
      .flatMap((line, index) => (/\/\/ FINDING$/.test(line) ? [index + 1] : []));
    expect(expected).toHaveLength(5);
    expect(findings.filter((f) => f.file === fixture).map((f) => f.line)).toEqual(expected);
  });
});
