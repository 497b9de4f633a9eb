import type { ComplimentRow } from '../../src/pals/compliment-service';
import type { YouSaidWeDidEntry } from '../../src/pals/publication-service';
import { buildComplimentsViewModel, complimentCsvRow } from '../../src/routes/pals/compliments-view-model';
import { complimentView } from '../../src/routes/pals/pals-view-model';
import {
  buildEntryListViewModel,
  placeValue,
  readPlace,
} from '../../src/routes/pals/you-said-we-did-admin-view-model';
import { publicEntry } from '../../src/routes/you-said-we-did/you-said-we-did-view-model';

const entry = (over: Partial<YouSaidWeDidEntry> = {}): YouSaidWeDidEntry => ({
  id: 4,
  themeLabel: 'Food and drink',
  teamId: 2,
  directorateId: null,
  teamName: 'Amberwood Ward',
  directorateName: null,
  youSaid: 'Cold suppers',
  isQuote: false,
  weDid: 'Hot suppers',
  status: 'in_progress',
  publishedOn: '2026-11-20',
  ...over,
});

describe('the team-or-directorate field', () => {
  it.each([
    ['team-12', { teamId: 12, directorateId: null }],
    ['directorate-3', { teamId: null, directorateId: 3 }],
    ['', null],
    ['team-', null],
    ['site-4', null],
    ['team-1 ', null],
  ])('reads %j', (value, expected) => {
    expect(readPlace(value)).toEqual(expected);
    if (expected) expect(placeValue(expected)).toBe(value);
  });
});

describe('You said, we did view models', () => {
  it.each([
    [entry(), 'Cold suppers', 'Amberwood Ward'],
    [entry({ isQuote: true, youSaid: 'Suppers were cold' }), '“Suppers were cold”', 'Amberwood Ward'],
    [
      entry({ isQuote: true, youSaid: null }),
      'Quote not shown publicly: fewer than 5 responses that month, or the copy was withdrawn',
      'Amberwood Ward',
    ],
    [entry({ teamName: null, directorateName: 'Acute' }), 'Cold suppers', 'Acute directorate'],
  ])('lists an entry for PALS (%#)', (row, said, where) => {
    const [shown] = buildEntryListViewModel([row], null).rows;
    expect(shown).toMatchObject({
      said,
      where,
      statusText: 'In progress',
      href: '/staff/pals/you-said-we-did/4',
    });
    expect(shown!.moves.map((m) => m.value)).toEqual(['planned', 'done']);
  });

  it('gives a quote held back no "You said" on the public page, and a long date', () => {
    expect(publicEntry(entry({ isQuote: true, youSaid: null }))).toMatchObject({
      youSaid: null,
      date: '20 November 2026',
      statusText: 'In progress',
    });
  });
});

describe('the compliment section of a comment page', () => {
  it.each([
    [
      { marked: false, suggested: false },
      'yes',
      'Mark as a compliment',
      false,
      /^If this comment praises someone/,
    ],
    [
      { marked: false, suggested: true },
      'yes',
      'Mark as a compliment',
      true,
      /^This looks like a compliment/,
    ],
    [{ marked: true, suggested: true }, 'no', 'Remove from compliments', false, /^This comment is marked/],
  ])('%j', (state, value, buttonText, suggested, text) => {
    const view = complimentView('/staff/pals/comments/7', state);
    expect(view).toMatchObject({ action: '/staff/pals/comments/7/compliment', value, buttonText, suggested });
    expect(view.text).toMatch(text);
  });
});

describe('the compliments list and CSV rows', () => {
  const row: ComplimentRow = {
    commentId: 9,
    teamId: 2,
    teamName: 'Amberwood Ward',
    directorateName: 'Acute',
    submittedOn: '2026-11-03',
    body: 'Dr Patel listened',
    textRemovedAt: null,
    markedAt: '2026-11-04T10:00:00.000Z',
    markedBy: null,
  };

  it.each([
    [row, 'Dr Patel listened', 'Dr Patel listened'],
    [
      { ...row, body: '', textRemovedAt: '2027-11-01T00:00:00.000Z' },
      'The text of this comment has been removed (retention).',
      '',
    ],
  ])('shows and exports the words, or says they were removed (%#)', (given, shown, exported) => {
    const model = buildComplimentsViewModel({
      teams: [{ teamId: 2, teamName: 'Amberwood Ward' }],
      teamId: 2,
      rows: [given],
    });
    expect(model.heading).toBe('Compliments for Amberwood Ward');
    expect(model.csvHref).toBe('/staff/pals/compliments.csv?teamId=2');
    expect(model.rows[0]).toMatchObject({ text: shown, date: '3 November 2026' });
    expect(complimentCsvRow(given)).toMatchObject({ text: exported, markedBy: '' });
  });

  it('asks for a team (and reads nothing) when none or an unknown one is chosen', () => {
    const model = buildComplimentsViewModel({ teams: [{ teamId: 2, teamName: 'A' }], teamId: 5, rows: null });
    expect(model).toMatchObject({ heading: 'Compliments', chosen: false, rows: [] });
  });
});
