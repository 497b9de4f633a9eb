import { fuzzPublicForms } from '../security/fuzz-public-forms';

describe('fuzzing the public forms (full: 1,000 runs per form)', () => {
  fuzzPublicForms(1_000);
});
