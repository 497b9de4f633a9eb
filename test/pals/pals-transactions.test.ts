import { actorFor, type AuditSink } from '../../src/audit-sink';
import { createComplimentService } from '../../src/pals/compliment-service';
import { createPalsRepository } from '../../src/pals/pals-repository';
import { createPalsService } from '../../src/pals/pals-service';
import { createPublicationService } from '../../src/pals/publication-service';
import { createRedactor } from '../../src/pals/redaction';
import { createRiskDetector, readRiskPhraseFile } from '../../src/pals/risk-detector';
import { buildTestApp, giveFeedback, type TestApp } from '../support/test-app';

/** An audit sink whose every write fails, as a full disk or a broken audit table would. */
const failingAudit: AuditSink = {
  record: () => {
    throw new Error('audit write failed');
  },
};

function servicesWithFailingAudit(t: TestApp) {
  const pals = createPalsService({
    db: t.deps.db,
    clock: t.clock,
    repository: createPalsRepository(t.deps.db),
    detector: createRiskDetector(readRiskPhraseFile(t.deps.config.RISK_PHRASES_FILE)),
    audit: failingAudit,
    notifier: { flagged: () => undefined },
    flagLink: (flagId) => `/staff/pals/flags/${flagId}`,
  });
  const publications = createPublicationService({
    db: t.deps.db,
    clock: t.clock,
    audit: failingAudit,
    redactor: createRedactor(new Set()),
  });
  const compliments = createComplimentService({
    db: t.deps.db,
    clock: t.clock,
    audit: failingAudit,
    redactor: createRedactor(new Set()),
  });
  return { pals, publications, compliments };
}

const snapshot = (t: TestApp) => ({
  reviews: t.deps.db.prepare('SELECT * FROM comment_reviews ORDER BY comment_id').all(),
  themes: t.deps.db.prepare('SELECT * FROM comment_themes ORDER BY comment_id, theme_id').all(),
  notes: t.deps.db.prepare('SELECT * FROM comment_notes').all(),
  flags: t.deps.db.prepare('SELECT * FROM risk_flags').all(),
  taxonomy: t.deps.db.prepare('SELECT * FROM themes ORDER BY id').all(),
  publications: t.deps.db.prepare('SELECT * FROM comment_publications').all(),
  entries: t.deps.db.prepare('SELECT * FROM you_said_we_did').all(),
  compliments: t.deps.db.prepare('SELECT * FROM compliments').all(),
});

describe('a PALS change and its audit row commit together', () => {
  async function setUp() {
    const t = buildTestApp();
    await giveFeedback(t.app, 'amberwood', {
      fft: '5',
      what_good: 'Nurse Sarah was kind',
      could_improve: 'I do not feel safe here',
    });
    for (let i = 0; i < 4; i += 1) await giveFeedback(t.app, 'amberwood', { fft: '1' });
    const ids = t.deps.services.pals.inbox({}, { limit: 10, offset: 0 }).rows.map((r) => r.commentId);
    t.deps.db
      .prepare(
        "INSERT INTO response_answers (response_id, item_code, value) SELECT response_id, 'publish_consent', 'yes' FROM comments WHERE id = :id",
      )
      .run({ id: ids[0] });
    const themeId = t.deps.services.pals.themes()[0]!.id;
    const flagId = t.deps.services.pals.openFlags()[0]!.id;
    const teamId = (
      t.deps.db.prepare("SELECT id FROM teams WHERE code = 'amberwood'").get() as { id: number }
    ).id;
    return { t, ids, commentId: ids[0]!, themeId, flagId, teamId, ...servicesWithFailingAudit(t) };
  }

  it('a failing audit write leaves an entry as it was when it is changed or moved on', () => {
    const t = buildTestApp();
    const teamId = (
      t.deps.db.prepare("SELECT id FROM teams WHERE code = 'amberwood'").get() as { id: number }
    ).id;
    const entry = {
      themeId: null,
      teamId,
      directorateId: null,
      youSaid: 'More to do',
      weDid: 'Added a group',
      status: 'planned' as const,
      publishedOn: '2026-11-01',
    };
    const id = t.deps.services.publications.addEntry(entry, actorFor(1));
    const { publications } = servicesWithFailingAudit(t);
    const before = snapshot(t);
    expect(() => publications.updateEntry(id, { ...entry, weDid: 'Changed' }, actorFor(1))).toThrow(
      'audit write failed',
    );
    expect(() => publications.setEntryStatus(id, 'done', actorFor(1))).toThrow('audit write failed');
    expect(snapshot(t)).toEqual(before);
  });

  it.each([
    [
      'status',
      (s: Awaited<ReturnType<typeof setUp>>) => s.pals.changeStatus(s.commentId, 'reviewed', actorFor(1)),
    ],
    ['bulk reviewed', (s: Awaited<ReturnType<typeof setUp>>) => s.pals.markReviewed(s.ids, actorFor(1))],
    [
      'sentiment',
      (s: Awaited<ReturnType<typeof setUp>>) => s.pals.confirmSentiment(s.commentId, 'mixed', actorFor(1)),
    ],
    [
      'themes',
      (s: Awaited<ReturnType<typeof setUp>>) => s.pals.setThemes(s.commentId, [s.themeId], actorFor(1)),
    ],
    [
      'bulk theme',
      (s: Awaited<ReturnType<typeof setUp>>) => s.pals.addThemeToMany(s.ids, s.themeId, actorFor(1)),
    ],
    ['owner', (s: Awaited<ReturnType<typeof setUp>>) => s.pals.setOwner(s.commentId, null, actorFor(1))],
    [
      'note',
      (s: Awaited<ReturnType<typeof setUp>>) => s.pals.addNote(s.commentId, 'Called the ward', actorFor(1)),
    ],
    [
      'flag outcome',
      (s: Awaited<ReturnType<typeof setUp>>) => s.pals.closeFlag(s.flagId, 'no_action', null, actorFor(1)),
    ],
    ['new theme', (s: Awaited<ReturnType<typeof setUp>>) => s.pals.addTheme('Peer support', actorFor(1))],
    [
      'theme rename',
      (s: Awaited<ReturnType<typeof setUp>>) => s.pals.renameTheme(s.themeId, 'Renamed', actorFor(1)),
    ],
    [
      'theme off',
      (s: Awaited<ReturnType<typeof setUp>>) => s.pals.setThemeActive(s.themeId, false, actorFor(1)),
    ],
    [
      'publication',
      (s: Awaited<ReturnType<typeof setUp>>) =>
        s.publications.approve(s.commentId, 'A nurse was kind', actorFor(1)),
    ],
    ['compliment', (s: Awaited<ReturnType<typeof setUp>>) => s.compliments.mark(s.commentId, actorFor(1))],
    [
      'you said, we did entry',
      (s: Awaited<ReturnType<typeof setUp>>) =>
        s.publications.addEntry(
          {
            themeId: null,
            teamId: s.teamId,
            directorateId: null,
            youSaid: 'More to do',
            weDid: 'Added a group',
            status: 'planned',
            publishedOn: '2026-11-01',
          },
          actorFor(1),
        ),
    ],
  ])('a failing audit write leaves everything unchanged: %s', async (_name, change) => {
    const s = await setUp();
    const before = snapshot(s.t);
    expect(() => change(s)).toThrow('audit write failed');
    expect(snapshot(s.t)).toEqual(before);
  });
});
