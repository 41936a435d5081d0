// The participation read of the people it costs most: ~30 years of BHXH records (≥ 360 months, a few dozen periods,
// split by employer, contribution rate and arrears), whose distinct-month totals expand every period into its months.
// The same request as participation-history, with the tokens of 40 such people (bench/fixtures.ts); a data set with
// fewer of them (the 500-person smoke) uses its longest histories and the harness says how long they are.
import { readPath } from './records.ts';

export const participationHistory30y = readPath(
  'participation-history-30y',
  'GET /api/v1/people/me/participation/periods?scheme=bhxh as people with ~30 years of BHXH records (longest of the data set)',
  '/api/v1/people/me/participation/periods?scheme=bhxh&pageSize=100',
  (context) => context.longHistories.logins,
);
