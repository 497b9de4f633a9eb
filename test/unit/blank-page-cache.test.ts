import { blankPageCache } from '../../src/routes/public-survey/blank-page-cache';

describe('blankPageCache', () => {
  const tokens = { csrf: 'csrf-AAA', token: 'tok.BBB_-' };

  it('fills every mark with the request tokens, per team object and key', () => {
    const pages = blankPageCache();
    const { csrf, token } = pages.marks;
    const team = { code: 'amberwood' };
    const html = `<input value="${csrf}"><input value="${token}"><p>${csrf}</p>`;
    expect(pages.page(team, 'k', tokens)).toBeUndefined();
    expect(pages.keep(team, 'k', html, tokens)).toBe(
      '<input value="csrf-AAA"><input value="tok.BBB_-"><p>csrf-AAA</p>',
    );
    expect(pages.page(team, 'k', { csrf: 'c2', token: 't2' })).toBe(
      '<input value="c2"><input value="t2"><p>c2</p>',
    );
    expect(pages.page(team, 'other', tokens)).toBeUndefined();
    expect(pages.page({ code: 'amberwood' }, 'k', tokens)).toBeUndefined();
  });

  it('uses marks nobody can predict, different in every cache', () => {
    const [a, b] = [blankPageCache().marks, blankPageCache().marks];
    expect(a.csrf).not.toBe(b.csrf);
    expect(a.token).not.toBe(b.token);
    expect(a.csrf).toMatch(/^csrf[0-9a-f]{24}$/);
  });

  it.each([['<script>'], ['a"b'], ['a&b'], ['a b']])('refuses to put %j into a page', (bad) => {
    const pages = blankPageCache();
    const team = {};
    pages.keep(team, 'k', pages.marks.token, tokens);
    expect(() => pages.page(team, 'k', { csrf: 'ok', token: bad })).toThrow(/escaped/);
    expect(() => pages.page(team, 'k', { csrf: bad, token: 'ok' })).toThrow(/escaped/);
  });
});
