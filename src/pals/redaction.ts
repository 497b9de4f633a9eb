import fs from 'node:fs';

export type RedactionKind = 'name' | 'email' | 'phone' | 'nhs_number' | 'postcode';

export interface RedactionSuggestion {
  start: number;
  end: number;
  kind: RedactionKind;
  original: string;
  replacement: string;
}

const replacements: Record<RedactionKind, string> = {
  name: '[Name]',
  email: '[Email]',
  phone: '[Phone number]',
  nhs_number: '[NHS number]',
  postcode: '[Postcode]',
};

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
const PHONE = /(?:\+44\s?\(?0?\)?\s?|\b0)\d(?:[\s-]?\d){8,9}\b/g;
const NHS_NUMBER = /\b\d{3}[\s-]?\d{3}[\s-]?\d{4}\b/g;
const POSTCODE = /\b[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}\b/gi;
const CAPITALISED = "[A-Z][a-z]+(?:['-][A-Z]?[a-z]+)?";
const TITLED_NAME = new RegExp(
  `\\b(?:Dr|Doctor|Nurse|Mr|Mrs|Ms|Miss|Mx|Sister|Matron|Prof|Professor|Dr\\.|Mr\\.|Mrs\\.|Ms\\.)\\s+(${CAPITALISED}(?:\\s+${CAPITALISED})?)`,
  'g',
);
const INTRODUCED_NAME = new RegExp(
  `\\b(?:called|named|nurse|doctor|psychiatrist|psychologist|worker|coordinator|consultant|therapist|manager)\\s+(${CAPITALISED}(?:\\s+${CAPITALISED})?)`,
  'g',
);

/**
 * Suggests what to redact before a comment is published: emails, phone numbers, NHS numbers, postcodes and names
 * (after a title or a role word, or a known first name with the surname that follows it). Suggestions only: a
 * PALS officer reviews and edits the redacted copy before it is approved.
 */
export function createRedactor(firstNames: ReadonlySet<string>) {
  return {
    suggest(text: string): RedactionSuggestion[] {
      const found: RedactionSuggestion[] = [];
      const add = (start: number, end: number, kind: RedactionKind) => {
        if (found.some((s) => start < s.end && end > s.start)) return;
        found.push({ start, end, kind, original: text.slice(start, end), replacement: replacements[kind] });
      };
      for (const m of text.matchAll(EMAIL)) add(m.index, m.index + m[0].length, 'email');
      for (const m of text.matchAll(PHONE)) add(m.index, m.index + m[0].length, 'phone');
      for (const m of text.matchAll(NHS_NUMBER)) add(m.index, m.index + m[0].length, 'nhs_number');
      for (const m of text.matchAll(POSTCODE)) {
        if (/\d/.test(m[0]) && /[A-Za-z]/.test(m[0])) add(m.index, m.index + m[0].length, 'postcode');
      }
      for (const pattern of [TITLED_NAME, INTRODUCED_NAME]) {
        for (const m of text.matchAll(pattern)) {
          const name = m[1] ?? '';
          const start = m.index + m[0].length - name.length;
          add(start, start + name.length, 'name');
        }
      }
      for (const m of text.matchAll(new RegExp(`\\b${CAPITALISED}(?:\\s+${CAPITALISED})?`, 'g'))) {
        const first = m[0].split(/\s+/)[0] ?? '';
        if (firstNames.has(first)) add(m.index, m.index + m[0].length, 'name');
      }
      return found.sort((a, b) => a.start - b.start);
    },
  };
}

export type Redactor = ReturnType<typeof createRedactor>;

/** The text with each suggestion replaced by its placeholder. */
export function applyRedactions(text: string, suggestions: readonly RedactionSuggestion[]): string {
  let result = '';
  let at = 0;
  for (const s of [...suggestions].sort((a, b) => a.start - b.start)) {
    if (s.start < at) continue;
    result += text.slice(at, s.start) + s.replacement;
    at = s.end;
  }
  return result + text.slice(at);
}

export function readFirstNames(file: string): Set<string> {
  return new Set(
    fs
      .readFileSync(file, 'utf8')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line && !line.startsWith('#')),
  );
}
