import path from 'node:path';
import { projectRoot } from '../../src/paths';
import { createRiskDetector, readRiskPhraseFile, riskPhraseFileSchema } from '../../src/pals/risk-detector';

const phraseFile = readRiskPhraseFile(path.join(projectRoot, 'data', 'risk-phrases.json'));
const detector = createRiskDetector(phraseFile);
const categoriesOf = (text: string) => detector.detect(text).map((m) => m.category);

// [comment, the categories it must flag ([] = must not flag)]
const table: [string, string[]][] = [
  // Self-harm or suicide
  ['I want to end it all', ['self_harm_suicide']],
  ['Some days I just want to die.', ['self_harm_suicide']],
  ["I don't want to live any more", ['self_harm_suicide']],
  ['I dont want to be here anymore', ['self_harm_suicide']],
  ['I have been thinking about killing myself', ['self_harm_suicide']],
  ['I feel suicidal most nights', ['self_harm_suicide']],
  ['Everyone would be better off without me', ['self_harm_suicide']],
  ['I cut myself again on Tuesday', ['self_harm_suicide']],
  ["I can't go on like this", ['self_harm_suicide']],
  ['I took an overdose last week', ['self_harm_suicide']],
  ['There is no reason to live', ['self_harm_suicide']],
  ['I have started self-harming again', ['self_harm_suicide']],
  ['Staff never listened and I want to die', ['self_harm_suicide']],
  ['I would never hurt myself', []],
  ['I have never thought about ending my life', []],
  ['I am not suicidal, just tired', []],
  ["I don't want to die, I want help", []],
  ['I no longer self harm thanks to the team', []],
  ['The staff helped me stop hurting myself', ['self_harm_suicide']],
  ['At the end it was fine', []],
  // Harm to others
  ['If he comes near me again I will kill him', ['harm_to_others']],
  ['I am going to hurt someone if this carries on', ['harm_to_others']],
  ['I would never hurt anyone', []],
  ['My mood is stable now', []],
  ['He said he would get a knife', ['harm_to_others']],
  // Abuse or neglect
  ['A member of staff hit me', ['abuse_neglect']],
  ['The night staff were rough with me', ['abuse_neglect']],
  ['I was bullied by the other patients, the bullying never stopped', ['abuse_neglect']],
  ['Nobody hit me, everyone was gentle', []],
  ['They left me without food for a whole day', ['abuse_neglect']],
  ['Staff laughed at me when I cried', ['abuse_neglect']],
  ['Someone stole my phone charger', ['abuse_neglect']],
  ['The staff were not abusive at all', []],
  // Sexual safety
  ['A patient touched me when I was asleep', ['sexual_safety']],
  ['He keeps making sexual comments', ['sexual_safety']],
  ['I was sexually assaulted on the ward', ['sexual_safety', 'abuse_neglect']],
  ['Staff respected my sexuality and my faith', []],
  ['Nobody touched me without asking', []],
  // Restraint or seclusion
  ['I was restrained by four staff', ['restraint_seclusion']],
  ['They held me face down and I couldn’t breathe', ['restraint_seclusion']],
  ['I spent two days in seclusion', ['restraint_seclusion']],
  ['I was never restrained, they talked me down', []],
  ['I am prone to anxiety', []],
  // Medication
  ['I was given the wrong medication twice', ['medication']],
  ['They missed my meds on Sunday', ['medication']],
  ['I never missed a dose while I was there', []],
  ['The pharmacist explained my medication clearly', []],
  // Absconding
  ['I am going to run away from this place', ['absconding']],
  ['A patient went AWOL on Friday', ['absconding']],
  ['I did not run away, I asked for leave', []],
  // Feeling unsafe
  ['I do not feel safe on this ward', ['feeling_unsafe']],
  ['I never felt safe at night', ['feeling_unsafe']],
  ['I am terrified of the man in the next room', ['feeling_unsafe']],
  ['I never felt unsafe', []],
  ['I felt safe and cared for', []],
  ['It is not safe here at night', ['feeling_unsafe']],
  // Ordinary feedback, including words close to risk phrases
  ['The food was lovely and the staff were kind', []],
  ['Dr Patel listened and involved my family', []],
  ['Waiting times were too long and nobody called me back', []],
  ['The garden is beautiful, it helped me recover', []],
  ['Please fix the broken shower', []],
  ['I was frightened when I arrived but the nurses calmed me down', ['feeling_unsafe']],
  ['Thank you for saving my life', []],
  ['', []],
];

describe('the risk detector', () => {
  it('is tested on at least 60 phrases', () => {
    expect(table.length).toBeGreaterThanOrEqual(60);
  });

  it.each(table)('%p flags %p', (text, expected) => {
    expect(categoriesOf(text).sort()).toEqual([...expected].sort());
  });

  it('flags every configured phrase, in a comment of several clauses, after clauses that flag nothing', () => {
    const phrases = phraseFile.categories.flatMap((c) =>
      c.phrases.map((phrase) => ({ category: c.code, phrase })),
    );
    expect(phrases.length).toBeGreaterThan(100);
    // A wildcard stands for any letters: "kill*" is written "kills".
    const commentWith = (phrase: string) =>
      `The ward was clean. Food was fine, and then ${phrase.replace(/\*/g, 's')}; thank you`;
    const missed = phrases.filter(
      ({ category, phrase }) => !categoriesOf(commentWith(phrase)).includes(category),
    );
    expect(missed).toEqual([]);
  });

  it('matches regardless of case, curly apostrophes and hidden bidi characters', () => {
    expect(categoriesOf('I DON’T WANT TO LIVE')).toEqual(['self_harm_suicide']);
    expect(categoriesOf('I want to \u202Eend it all')).toEqual(['self_harm_suicide']);
  });

  it('refuses a phrase file with upper-case phrases, naming the problem', () => {
    expect(
      riskPhraseFileSchema.safeParse({ categories: [{ code: 'x', label: 'X', phrases: ['Kill Myself'] }] })
        .success,
    ).toBe(false);
  });

  it('uses the configured phrases', () => {
    const custom = createRiskDetector({
      categories: [{ code: 'custom', label: 'Custom', phrases: ['purple elephant*'] }],
    });
    expect(custom.detect('I saw purple elephants').map((m) => m.category)).toEqual(['custom']);
    expect(custom.detect('I want to end it all')).toEqual([]);
  });
});
