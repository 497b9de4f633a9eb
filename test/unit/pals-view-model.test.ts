import { buildSameDayPanel, flaggedAgo, highlightParts } from '../../src/routes/pals/pals-view-model';

describe('PALS view model', () => {
  const now = new Date('2026-11-23T12:00:00Z');

  it.each([
    ['2026-11-23T12:00:00Z', 'flagged just now'],
    ['2026-11-23T11:59:00Z', 'flagged 1 minute ago'],
    ['2026-11-23T11:15:00Z', 'flagged 45 minutes ago'],
    ['2026-11-23T11:00:00Z', 'flagged 1 hour ago'],
    ['2026-11-23T09:00:00Z', 'flagged 3 hours ago'],
    ['2026-11-21T13:00:00Z', 'flagged 47 hours ago'],
    ['2026-11-21T12:00:00Z', 'flagged 2 days ago'],
    ['2026-11-23T12:05:00Z', 'flagged just now'],
  ])('a flag raised at %s was %s', (at, expected) => {
    expect(flaggedAgo(at, now)).toBe(expected);
  });

  it.each([
    ['plain text', [{ text: 'plain text', match: false }]],
    [
      'the \u0001garden\u0002 was <b>locked</b>',
      [
        { text: 'the ', match: false },
        { text: 'garden', match: true },
        { text: ' was <b>locked</b>', match: false },
      ],
    ],
    [
      '\u0001a\u0002\u0001b\u0002',
      [
        { text: 'a', match: true },
        { text: 'b', match: true },
      ],
    ],
    ['', []],
  ])('splits %j on the match markers', (marked, parts) => {
    expect(highlightParts(marked)).toEqual(parts);
  });

  it('lists open flags with their category label (the code when unknown) and age', () => {
    const panel = buildSameDayPanel(
      [
        { id: 4, commentId: 9, category: 'self_harm_suicide', flaggedAt: '2026-11-23T09:00:00Z' },
        { id: 5, commentId: 10, category: 'new_thing', flaggedAt: '2026-11-23T11:30:00Z' },
      ],
      { self_harm_suicide: 'Self-harm or suicide' },
      now,
    );
    expect(panel.heading).toBe('Same-day review (2)');
    expect(panel.items).toEqual([
      {
        href: '/staff/pals/flags/4',
        category: 'Self-harm or suicide',
        age: 'flagged 3 hours ago',
        commentId: 9,
      },
      { href: '/staff/pals/flags/5', category: 'new thing', age: 'flagged 30 minutes ago', commentId: 10 },
    ]);
    expect(buildSameDayPanel([], {}, now).heading).toBe('Same-day review: nothing waiting');
  });
});
