// The card kept on this phone, so it opens — with a valid QR — without a network: the card's facts, the agency-
// signed credential, and the device key (a non-extractable WebCrypto key: IndexedDB stores the key object, the
// private half can sign but can never be read out). Keyed by account and subject (me or a child); cleared on sign-out.
import {
  type BhytCard,
  type DeviceKeyAlgorithm,
  fromBase64Url,
  generateDeviceKey,
  readCredential,
  toBase64Url,
  type WebCryptoKey,
} from '@vssid/shared';
import { clear, createStore, del, get, set } from 'idb-keyval';
import { fetchCard, requestCredential } from '../../api/records.ts';

const store = createStore('vssid-card', 'entries');
const DEVICE_KEY = 'device-key';
const OWNER_KEY = 'owner';
/** A credential is renewed when it has less than this left (it lives 30 days). */
const RENEW_BEFORE_MS = 20 * 24 * 3600 * 1000;

export type CardSubject = 'me' | number;

interface DeviceKeyRecord {
  alg: DeviceKeyAlgorithm;
  privateKey: WebCryptoKey;
  publicKey: string;
}

export interface StoredCard {
  subject: CardSubject;
  card: BhytCard | null;
  /** base64url of the agency-signed credential; null when there is no valid card to sign. */
  credential: string | null;
  credentialExpiresAt: string | null;
  /** When the server last answered (ISO). */
  refreshedAt: string;
}

const cardKey = (login: string, subject: CardSubject) => `card:${login}:${subject}`;

/** One key per phone, made on first use; every card on this phone (own, children's) is bound to it. */
async function deviceKey(): Promise<DeviceKeyRecord> {
  const existing = await get<DeviceKeyRecord>(DEVICE_KEY, store);
  if (existing) return existing;
  const created = await generateDeviceKey();
  const record = { alg: created.alg, privateKey: created.keyPair.privateKey, publicKey: toBase64Url(created.publicKey) };
  await set(DEVICE_KEY, record, store);
  return record;
}

export async function deviceSigner(): Promise<{ alg: DeviceKeyAlgorithm; privateKey: WebCryptoKey }> {
  const { alg, privateKey } = await deviceKey();
  return { alg, privateKey };
}

/** The cached card of whoever used this phone last (for opening the card offline, before any session exists). */
export async function loadStoredCard(subject: CardSubject, login?: string): Promise<StoredCard | undefined> {
  const owner = login ?? (await get<string>(OWNER_KEY, store));
  if (!owner) return undefined;
  return get<StoredCard>(cardKey(owner, subject), store);
}

function credentialStillGood(stored: StoredCard | undefined, card: BhytCard, publicKey: string): boolean {
  if (!stored?.credential || !stored.credentialExpiresAt) return false;
  if (Date.parse(stored.credentialExpiresAt) - Date.now() < RENEW_BEFORE_MS) return false;
  const bytes = fromBase64Url(stored.credential);
  const claims = bytes ? readCredential(bytes) : null;
  // A new card (reissue, new facility, new validity) or a new device key needs a new credential. A card reissued
  // after a loss keeps its code and validity: its new issue date tells it apart (the desk answers 003 to the old one).
  return (
    claims !== null &&
    stored.card?.issuedOn === card.issuedOn &&
    claims.cardCode === card.cardCode &&
    claims.facilityCode === card.facility.code &&
    claims.validTo === card.validTo &&
    toBase64Url(claims.deviceKey.publicKey) === publicKey
  );
}

/** Online: reads the card, renews the credential when needed, and keeps both on the phone. */
export async function refreshStoredCard(login: string, subject: CardSubject): Promise<StoredCard> {
  const response = await fetchCard(subject);
  const previous = await loadStoredCard(subject, login);
  let credential: string | null = null;
  let credentialExpiresAt: string | null = null;
  const card = response.card;
  if (card && card.status === 'active') {
    const key = await deviceKey();
    if (credentialStillGood(previous, card, key.publicKey)) {
      credential = previous?.credential ?? null;
      credentialExpiresAt = previous?.credentialExpiresAt ?? null;
    } else {
      const issued = await requestCredential(subject, { deviceKey: { alg: key.alg, publicKey: key.publicKey } });
      credential = issued.credential;
      credentialExpiresAt = issued.expiresAt;
    }
  }
  const stored: StoredCard = { subject, card, credential, credentialExpiresAt, refreshedAt: response.asOf };
  const owner = await get<string>(OWNER_KEY, store);
  // Another account on this phone: the previous person's cards go.
  if (owner !== undefined && owner !== login) await forgetCards();
  await set(OWNER_KEY, login, store);
  await set(cardKey(login, subject), stored, store);
  return stored;
}

/** Sign-out: nothing of the person stays on the phone (the device key is not personal and stays). */
export async function forgetCards(): Promise<void> {
  const deviceRecord = await get<DeviceKeyRecord>(DEVICE_KEY, store);
  await clear(store);
  if (deviceRecord) await set(DEVICE_KEY, deviceRecord, store);
  else await del(DEVICE_KEY, store);
}
