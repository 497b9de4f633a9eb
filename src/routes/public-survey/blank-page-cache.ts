import { randomBytes } from 'node:crypto';

/**
 * A survey page shown before anything is answered (no draft, no errors), and a team's start page, is the same for
 * everyone who opens it except for two values: the browser's CSRF token and the fresh single-use submission token
 * (the start page has no form of its own, only the text-size control's CSRF token). The first render
 * of such a page is kept with random marks in their places (unguessable, so survey text cannot contain them), and
 * later requests fill in their own tokens: no view model, EJS or layout per request (docs/benchmarks.md).
 *
 * Pages are kept per placed-team object: a change to the organisation gives new team objects, so the old pages
 * are dropped with them. The key names everything else the page is built from (address, survey version, page,
 * language, the way back to check your answers); it is bounded by the real surveys and teams.
 */
export interface BlankPageCache {
  /** Put these in the view model in place of the CSRF and submission tokens when rendering a page to keep. */
  readonly marks: { csrf: string; token: string };
  /** The page for this team and key with these tokens filled in; undefined when not kept yet. */
  page(team: object, key: string, tokens: { csrf: string; token: string }): string | undefined;
  /** Keeps a page rendered with the marks, and returns it with these tokens filled in. */
  keep(team: object, key: string, html: string, tokens: { csrf: string; token: string }): string;
}

/** Pages kept per team at most (a team offers a few surveys of a few pages in a few languages). */
const MAX_PAGES_PER_TEAM = 500;

/** Tokens are base64url with dots: nothing to escape in HTML, checked before use all the same. */
const safeToken = /^[A-Za-z0-9_.-]*$/;

const CSRF = Symbol('csrf');
const TOKEN = Symbol('token');
/** A kept page: its text with the places of the two tokens. */
type Piece = string | typeof CSRF | typeof TOKEN;

export function blankPageCache(): BlankPageCache {
  const marks = {
    csrf: `csrf${randomBytes(12).toString('hex')}`,
    token: `token${randomBytes(12).toString('hex')}`,
  };
  const byTeam = new WeakMap<object, Map<string, Piece[]>>();

  const split = (html: string): Piece[] => {
    const pieces: Piece[] = [];
    html.split(marks.csrf).forEach((part, i) => {
      if (i > 0) pieces.push(CSRF);
      part.split(marks.token).forEach((text, j) => {
        if (j > 0) pieces.push(TOKEN);
        pieces.push(text);
      });
    });
    return pieces;
  };

  const fill = (pieces: Piece[], tokens: { csrf: string; token: string }): string => {
    if (!safeToken.test(tokens.csrf) || !safeToken.test(tokens.token)) {
      throw new Error('a token with characters HTML would need escaped');
    }
    let html = '';
    for (const piece of pieces) html += piece === CSRF ? tokens.csrf : piece === TOKEN ? tokens.token : piece;
    return html;
  };

  return {
    marks,
    page(team, key, tokens) {
      const pieces = byTeam.get(team)?.get(key);
      return pieces ? fill(pieces, tokens) : undefined;
    },
    keep(team, key, html, tokens) {
      const pieces = split(html);
      let pages = byTeam.get(team);
      if (!pages) {
        pages = new Map();
        byTeam.set(team, pages);
      }
      if (pages.size < MAX_PAGES_PER_TEAM) pages.set(key, pieces);
      return fill(pieces, tokens);
    },
  };
}
