// The hot paths `npm run bench` measures, in table order. One file per path; add yours here when its capability lands
// (bench/README.md lists the ones still to come).
import type { HotPath } from '../lib/types.ts';
import { bhxhCodeLookupHttp } from './bhxh-code-lookup-http.ts';
import { cardCheckCardNumber, cardCheckPersonalId, cardCheckQr } from './card-check.ts';
import { dossierSubmit } from './dossier-submit.ts';
import { facilitySearch } from './facility-search.ts';
import { officesNearest } from './offices-nearest.ts';
import { participationHistory30y } from './participation-history-30y.ts';
import { participationHistory, profileCard } from './records.ts';
import { signIn } from './sign-in.ts';
import { tokenRefresh } from './token-refresh.ts';

export const HOT_PATHS: readonly HotPath[] = [
  signIn,
  tokenRefresh,
  profileCard,
  participationHistory,
  participationHistory30y,
  facilitySearch,
  officesNearest,
  bhxhCodeLookupHttp,
  cardCheckQr,
  cardCheckCardNumber,
  cardCheckPersonalId,
  dossierSubmit,
];
