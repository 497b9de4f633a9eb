import fs from 'node:fs';
import path from 'node:path';
import * as cheerio from 'cheerio';
import ejs from 'ejs';
import { projectRoot, viewsDir } from '../../src/paths';

interface Fixture {
  name: string;
  context: Record<string, unknown>;
  options: Record<string, unknown>;
  html: string;
}

const fixturesOf = (component: string): Fixture[] =>
  (
    JSON.parse(
      fs.readFileSync(
        path.join(projectRoot, 'node_modules', 'nhsuk-frontend', 'dist', 'nhsuk', 'components', component, 'fixtures.json'),
        'utf8',
      ),
    ) as { fixtures: Fixture[] }
  ).fixtures;

/** The fixture with that name on the default background (fixtures repeat a name for other layouts). */
const fixture = (component: string, name: string): Fixture => {
  const found = fixturesOf(component).find((f) => f.name === name && !('layout' in f.options));
  if (!found) throw new Error(`nhsuk-frontend has no ${component} fixture named "${name}"`);
  return found;
};

const render = (partial: string, params: unknown) =>
  ejs.render(fs.readFileSync(path.join(viewsDir, 'components', `${partial}.ejs`), 'utf8'), { params }, {
    strict: true,
  });

/**
 * The structure of an HTML fragment as a readable outline: elements with their attributes sorted (and class
 * names sorted), text with runs of white space collapsed, white space between tags dropped.
 */
/** The parts of a parsed node the outline reads (nodeType 1 is an element, 3 is text). */
interface OutlineNode {
  nodeType: number;
  data?: string;
  name?: string;
  attribs?: Record<string, string>;
  children?: OutlineNode[];
}

function outline(html: string): string[] {
  const $ = cheerio.load(html, null, false);
  const lines: string[] = [];
  const walk = (nodes: OutlineNode[], depth: number) => {
    for (const node of nodes) {
      if (node.nodeType === 3) {
        const text = (node.data ?? '').replace(/\s+/g, ' ').trim();
        if (text) lines.push(`${'  '.repeat(depth)}"${text}"`);
      } else if (node.nodeType === 1) {
        const attributes = Object.entries(node.attribs ?? {})
          .map(([name, value]) => [name, name === 'class' ? value.split(/\s+/).filter(Boolean).sort().join(' ') : value])
          .sort(([a], [b]) => a!.localeCompare(b!))
          .map(([name, value]) => `${name}="${value}"`);
        lines.push(`${'  '.repeat(depth)}<${node.name ?? ''}${attributes.length ? ' ' + attributes.join(' ') : ''}>`);
        walk(node.children ?? [], depth + 1);
      }
    }
  };
  walk($.root().contents().toArray(), 0);
  return lines;
}

describe('our EJS partials render the markup of the NHS.UK frontend 10 macros they mirror', () => {
  it.each([
    ['error-summary', 'default'],
    ['error-summary', 'with multiple errors'],
    ['radios', 'with error message'],
    ['radios', 'with hint'],
    ['character-count', 'default'],
    ['character-count', 'with error message'],
    ['character-count', 'with hint'],
    ['skip-link', 'default'],
    ['back-link', 'default'],
    ['button', 'default'],
    ['button', 'secondary'],
    ['button', 'secondary as a link'],
    ['panel', 'default'],
    ['footer', 'with meta links'],
  ])('%s: fixture "%s"', (component, name) => {
    const { context, html } = fixture(component, name);
    expect(outline(render(component, context))).toEqual(outline(html));
  });

  it('the outline notices a difference in structure, attributes or text', () => {
    expect(outline('<a class="b a" href="#">Back</a>')).toEqual(outline('<a href="#" class="a  b">\n  Back\n</a>'));
    expect(outline('<a href="#">Back</a>')).not.toEqual(outline('<a href="#x">Back</a>'));
    expect(outline('<a href="#">Back</a>')).not.toEqual(outline('<a href="#"><span>Back</span></a>'));
  });

  it('the urgent-help card is the NHS.UK urgent care card, without the span with role="text"', () => {
    // NHS.UK wraps the card heading in <span role="text"> so VoiceOver reads it as one phrase. "text" is not an
    // ARIA role and axe reports it (aria-roles, serious), so our card leaves the wrapper out and keeps the rest.
    const nhs = cheerio.load(fixture('card', 'urgent (red)').html, null, false);
    nhs('[role=text]').replaceWith(nhs('[role=text]').html()!);
    nhs('.nhsuk-card__heading').html(
      '<span class="nhsuk-u-visually-hidden">Urgent advice: </span>If you need help now',
    );
    const ours = cheerio.load(
      ejs.render(fs.readFileSync(path.join(viewsDir, 'components', 'urgent-help.ejs'), 'utf8'), {
        crisisLine: { name: 'crisis line', number: '0800 000 1234' },
      }, { strict: true }),
      null,
      false,
    );
    const shell = ($: cheerio.CheerioAPI) => {
      $('.nhsuk-card__content').empty();
      return outline($.html());
    };
    expect(shell(ours)).toEqual(shell(nhs));
  });
});
