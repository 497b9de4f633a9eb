import fs from 'node:fs';
import type { Result } from 'axe-core';
import type { Page } from 'playwright-core';

/** WCAG 2.0, 2.1 and 2.2 at levels A and AA. */
export const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Serious and critical axe violations on the page, one line each with rule, impact, targets and help URL, so a
 * failure says what to fix. Axe is evaluated through the DevTools protocol, which the page's CSP does not govern
 * (a <script> tag added with its source would be refused), so the page is checked with its CSP enforced.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const violations = await page.evaluate(
    (tags) =>
      (window as unknown as { axe: typeof import('axe-core') }).axe
        .run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] })
        .then((results) => results.violations),
    wcagTags,
  );
  return violations
    .filter((v: Result) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v: Result) =>
        `${v.id} (${v.impact}): ${v.help}\n    at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}\n    ${v.helpUrl}`,
    );
}

/** Describes the focused element if it has no visible focus indicator, or returns undefined when it has one. */
export async function focusNotVisible(page: Page): Promise<string | undefined> {
  return page.evaluate(() => {
    const active = document.activeElement as HTMLElement | null;
    if (!active || active === document.body) return 'nothing is focused';
    const name = `${active.tagName.toLowerCase()}${active.id ? '#' + active.id : ''}${active.className ? '.' + String(active.className).split(' ').join('.') : ''}`;
    const shows = (style: CSSStyleDeclaration) =>
      (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2) ||
      (style.boxShadow !== 'none' && style.boxShadow !== '');
    // NHS.UK radios and checkboxes hide the real input and draw the focus ring on the label's ::before.
    const drawnOn =
      active instanceof HTMLInputElement && (active.type === 'radio' || active.type === 'checkbox')
        ? [getComputedStyle(active.labels?.[0] ?? active, '::before')]
        : [getComputedStyle(active)];
    if (!drawnOn.some(shows)) return `${name} has no visible focus indicator`;
    // Never hidden behind anything (WCAG 2.4.11): the focused element's centre is itself or inside it.
    // The first line box: a link that wraps has a gap in the middle of its bounding box.
    const box = active.getClientRects()[0] ?? active.getBoundingClientRect();
    const atCentre = document.elementFromPoint(
      box.left + box.width / 2,
      box.top + Math.min(box.height / 2, 10),
    );
    if (
      atCentre &&
      !active.contains(atCentre) &&
      !(active as HTMLInputElement).labels?.[0]?.contains(atCentre)
    ) {
      const tabindexTarget = active.getAttribute('tabindex') === '-1';
      if (!tabindexTarget) return `${name} is covered by ${atCentre.tagName.toLowerCase()}`;
    }
    return undefined;
  });
}

/** How far the page scrolls sideways: 0 when it reflows (WCAG 1.4.10). */
export async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

/** The WCAG 1.4.12 text spacing override, applied with a constructed stylesheet (not inline: the CSP forbids it). */
export async function applyTextSpacing(page: Page): Promise<void> {
  await page.evaluate(() => {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(
      '* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; }' +
        ' p, li, dd, label, legend, .nhsuk-hint { margin-bottom: 2em !important; }',
    );
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  });
}

/**
 * Form controls, buttons, links, labels and legends whose text no longer fits: a text input whose line is cut off
 * vertically, or text that spills outside its element's box.
 */
export async function clippedText(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const describe = (el: HTMLElement) =>
      `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}: ${(el.textContent ?? '').trim().slice(0, 40)}`;
    const visible = (el: HTMLElement) => el.offsetParent !== null && !el.closest('.nhsuk-u-visually-hidden');
    const cutInputs = Array.from(
      document.querySelectorAll<HTMLInputElement>('main input:not([type=hidden]), main select'),
    )
      .filter(visible)
      .filter((el) => el.scrollHeight > el.clientHeight + 1);
    const spills = Array.from(
      document.querySelectorAll<HTMLElement>('main button, main a, main label, main legend'),
    )
      .filter(visible)
      .filter((el) => {
        // The box round the element's visible text: visually hidden text (screen readers only) is clipped on
        // purpose, so it is left out.
        const range = document.createRange();
        const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
        const rects: DOMRect[] = [];
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          if (node.parentElement?.closest('.nhsuk-u-visually-hidden') || !node.textContent?.trim()) continue;
          range.selectNodeContents(node);
          rects.push(range.getBoundingClientRect());
        }
        if (rects.length === 0) return false;
        const text = {
          width: Math.max(...rects.map((r) => r.right)) - Math.min(...rects.map((r) => r.left)),
          left: Math.min(...rects.map((r) => r.left)),
          right: Math.max(...rects.map((r) => r.right)),
          top: Math.min(...rects.map((r) => r.top)),
          bottom: Math.max(...rects.map((r) => r.bottom)),
        };
        const box = el.getBoundingClientRect();
        return (
          text.width > 0 &&
          (text.left < box.left - 1 ||
            text.right > box.right + 1 ||
            text.top < box.top - 1 ||
            text.bottom > box.bottom + 1)
        );
      });
    return [...cutInputs, ...spills].map(describe);
  });
}

/**
 * Links, buttons, radios and checkboxes in <main> whose clickable box is smaller than min x min CSS px. A radio's
 * box is the whole item (input and label). Exempt, as WCAG allows: links inside a sentence (inline), and at 24 px
 * (2.5.8) a smaller target with a 24 px circle around it that touches no other target nor its circle (spacing).
 */
export async function smallTargets(page: Page, min: number): Promise<string[]> {
  return page.evaluate((size) => {
    const targets = Array.from(
      document.querySelectorAll<HTMLElement>(
        'main a[href], main button, main .nhsuk-radios__item, main .nhsuk-checkboxes__item, main input[type=submit]',
      ),
    ).filter((el) => el.offsetParent !== null);
    const inline = (el: HTMLElement) => {
      if (el.tagName !== 'A') return false;
      const own = (el.textContent ?? '').replace(/\s+/g, ' ').trim();
      const all = (el.parentElement?.textContent ?? '').replace(/\s+/g, ' ').trim();
      return all.length > own.length + 1;
    };
    const boxes = targets.map((el) => ({ el, box: el.getBoundingClientRect() }));
    const small = boxes.filter(({ box }) => box.width < size - 0.5 || box.height < size - 0.5);
    const centre = (box: DOMRect) => ({ x: box.left + box.width / 2, y: box.top + box.height / 2 });
    const distanceTo = (point: { x: number; y: number }, box: DOMRect) =>
      Math.hypot(
        Math.max(box.left - point.x, 0, point.x - box.right),
        Math.max(box.top - point.y, 0, point.y - box.bottom),
      );
    const spaced = (target: { el: HTMLElement; box: DOMRect }) => {
      if (size > 24) return false;
      const c = centre(target.box);
      return boxes.every(
        (other) =>
          other === target ||
          other.el.contains(target.el) ||
          target.el.contains(other.el) ||
          (distanceTo(c, other.box) >= 12 &&
            (!small.includes(other) ||
              Math.hypot(c.x - centre(other.box).x, c.y - centre(other.box).y) >= 24)),
      );
    };
    return small
      .filter((target) => !inline(target.el) && !spaced(target))
      .map(
        ({ el, box }) =>
          `${el.tagName.toLowerCase()}.${String(el.className).split(' ')[0]} "${(el.textContent ?? '').trim().slice(0, 30)}" is ${Math.round(box.width)}x${Math.round(box.height)}`,
      );
  }, min);
}

/** The title, whether an error summary shows, and problems with the heading outline (one h1, no skipped level). */
export async function pageStructure(
  page: Page,
): Promise<{ title: string; hasErrors: boolean; headings: string[] }> {
  return page.evaluate(() => {
    const levels = Array.from(document.querySelectorAll('h1, h2, h3, h4, h5, h6')).map((h) =>
      Number(h.tagName[1]),
    );
    const problems: string[] = [];
    if (levels.filter((level) => level === 1).length !== 1)
      problems.push(`${levels.filter((l) => l === 1).length} h1`);
    levels.forEach((level, i) => {
      if (i > 0 && level > levels[i - 1]! + 1) problems.push(`h${levels[i - 1]} is followed by h${level}`);
    });
    return {
      title: document.title,
      hasErrors: document.querySelector('.nhsuk-error-summary') !== null,
      headings: problems,
    };
  });
}
