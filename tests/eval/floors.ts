/**
 * The scores the extractor must keep on tests/gold/dev.jsonl, asserted by dev-set-floor.test.ts.
 * The one place to raise them: set each a few points below what `npm run eval -- --gold
 * tests/gold/dev.jsonl` reaches, so a rule change that loses ground fails the build.
 * Started at issue 3's targets minus 0.04.
 */
export const DEV_SET_FLOORS = {
  directF1: 0.88,
  directOverlapF1: 0.91,
  speakerAccuracy: 0.88,
  reportedF1: 0.56,
} as const;
