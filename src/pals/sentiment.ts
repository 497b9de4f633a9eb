export type Sentiment = 'positive' | 'neutral' | 'negative' | 'mixed';

const POSITIVE = new Set([
  'good',
  'great',
  'excellent',
  'brilliant',
  'amazing',
  'fantastic',
  'wonderful',
  'lovely',
  'kind',
  'kindness',
  'caring',
  'helpful',
  'supportive',
  'listened',
  'understanding',
  'respectful',
  'respected',
  'friendly',
  'patient',
  'compassionate',
  'clean',
  'safe',
  'thank',
  'thanks',
  'grateful',
  'happy',
  'better',
  'best',
  'professional',
  'polite',
  'calm',
  'welcoming',
  'informative',
  'reassuring',
  'recovered',
  'improved',
  'nice',
  'gentle',
  'love',
]);
const NEGATIVE = new Set([
  'bad',
  'poor',
  'terrible',
  'awful',
  'horrible',
  'rude',
  'dirty',
  'unhelpful',
  'ignored',
  'dismissive',
  'slow',
  'late',
  'long',
  'waiting',
  'wait',
  'cold',
  'uncaring',
  'unsafe',
  'scared',
  'frightened',
  'angry',
  'upset',
  'worse',
  'worst',
  'disappointed',
  'disappointing',
  'unprofessional',
  'noisy',
  'boring',
  'broken',
  'lost',
  'cancelled',
  'never',
  'complaint',
  'disrespectful',
  'shouted',
  'lonely',
  'hungry',
  'unfair',
  'confusing',
]);
const NEGATORS = new Set([
  'not',
  'no',
  'never',
  'dont',
  'didnt',
  'wasnt',
  'werent',
  'isnt',
  'arent',
  'nothing',
  'hardly',
]);

/**
 * A first guess at a comment's sentiment for the PALS inbox, confirmed or changed by a person. A word list with
 * simple negation ("not helpful" counts as negative); positive and negative together make "mixed".
 */
export function suggestSentiment(text: string): Sentiment {
  const words = text
    .toLowerCase()
    .replace(/[\u2018\u2019']/g, '')
    .split(/[^a-z]+/)
    .filter(Boolean);
  let positive = 0;
  let negative = 0;
  words.forEach((word, index) => {
    const negated = words.slice(Math.max(0, index - 2), index).some((w) => NEGATORS.has(w));
    if (POSITIVE.has(word)) {
      if (negated) negative += 1;
      else positive += 1;
    } else if (NEGATIVE.has(word) && !NEGATORS.has(word)) {
      if (negated) positive += 1;
      else negative += 1;
    } else if (word === 'never' && index === words.length - 1) {
      negative += 1;
    }
  });
  if (positive > 0 && negative > 0) return 'mixed';
  if (positive > 0) return 'positive';
  if (negative > 0) return 'negative';
  return 'neutral';
}
