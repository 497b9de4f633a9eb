import type { YouSaidWeDidEntry } from '../../src/pals/publication-service';
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
