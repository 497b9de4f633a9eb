import path from 'node:path';
import { projectRoot } from '../../src/paths';
import { applyRedactions, createRedactor, readFirstNames } from '../../src/pals/redaction';
import { suggestSentiment } from '../../src/pals/sentiment';

const redactor = createRedactor(readFirstNames(path.join(projectRoot, 'data', 'first-names.txt')));
const redacted = (text: string) => applyRedactions(text, redactor.suggest(text));

describe('redaction suggestions', () => {
  it.each([
    ['Dr Patel was brilliant', 'Dr [Name] was brilliant'],
    ['Nurse Okafor Smith listened to me', 'Nurse [Name] listened to me'],
    ['my support worker Kemi was kind', 'my support worker [Name] was kind'],
    ['Sarah on the night shift was lovely', '[Name] on the night shift was lovely'],
    ['Thank you to Tom Hughes and Priya', 'Thank you to [Name] and [Name]'],
    ['Email me at jo.bloggs@example.com please', 'Email me at [Email] please'],
    ['Call me on 07700 900123 or 01622 724100', 'Call me on [Phone number] or [Phone number]'],
    ['My number is +44 7700 900123', 'My number is [Phone number]'],
    ['NHS number 943 476 5919', 'NHS number [NHS number]'],
    ['I live at ME16 9QQ', 'I live at [Postcode]'],
    ['The ward was clean and the food was good', 'The ward was clean and the food was good'],
    ['Amberwood Ward at Littlebrook Hospital was calm', 'Amberwood Ward at Littlebrook Hospital was calm'],
  ])('suggests redacting %p as %p', (text, expected) => {
    expect(redacted(text)).toBe(expected);
  });

  it('reports each suggestion with its position, kind and the original text', () => {
    expect(redactor.suggest('Ask Dr Khan: 07700 900123')).toEqual([
      { start: 7, end: 11, kind: 'name', original: 'Khan', replacement: '[Name]' },
      { start: 13, end: 25, kind: 'phone', original: '07700 900123', replacement: '[Phone number]' },
    ]);
  });
});

describe('sentiment suggestions', () => {
  it.each([
    ['The staff were kind and helpful', 'positive'],
    ['The food was awful and the ward was dirty', 'negative'],
    ['Lovely nurses but the waiting was terrible', 'mixed'],
    ['The staff were not helpful', 'negative'],
    ['I was not ignored once', 'positive'],
    ['I came on a Tuesday', 'neutral'],
    ['', 'neutral'],
  ])('suggests %p is %s', (text, expected) => {
    expect(suggestSentiment(text)).toBe(expected);
  });
});
