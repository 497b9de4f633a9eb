import { fuzzPublicForms } from './fuzz-public-forms';

// npm test runs 100 per form to stay fast; npm run test:faults runs the full 1,000 (test/faults/fuzz-full.test.ts).
describe('fuzzing the public forms (quick)', () => {
  fuzzPublicForms(Number(process.env.FUZZ_RUNS ?? 100));
});
