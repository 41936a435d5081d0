// Shared set-up of the registration tests: a database with the real administrative units, the computed holidays,
// two provincial offices, an app on a fake clock, and small helpers to act as a citizen, an officer or a tester
// reading the SMS outbox.
import { randomBytes } from 'node:crypto';
import { desc, eq } from 'drizzle-orm';
import type { InjectOptions } from 'fastify';
import sharp from 'sharp';
import { type Role, uploadResult } from '@vssid/shared';
import { smsMessages } from '../../db/schema.ts';
import { MINUTE } from '../../platform/clock.ts';
import { buildTestApp, testServices } from '../../test/app.ts';
import { bearerFor } from '../../test/auth.ts';
import { createTestDatabase, type Driver } from '../../test/database.ts';
import {
  givenAccount,
  givenAdminUnits,
  givenAgency,
  givenHolidays,
  givenPerson,
} from '../../test/factories.ts';
import type { Services } from '../../platform/services.ts';
import type { PersonRow } from './repo.ts';

export type World = Awaited<ReturnType<typeof registrationWorld>>;

/** Monday 23 November 2026, 09:00 in Hà Nội. */
export const MONDAY_MORNING = '2026-11-23T02:00:00Z';

export async function registrationWorld(
  driver: Driver,
  options: { services?: (base: Services) => Partial<Services> } = {},
) {
  const testDb = await createTestDatabase(driver);
  const { database } = testDb;
  const units = await givenAdminUnits(database);
  const hcmcCommune = units.communes.find((c) => c.provinceCode === '79');
  if (!hcmcCommune) throw new Error('no commune of Hồ Chí Minh City in the data');
  await givenHolidays(database, [2025, 2026, 2027]);
  const hanoi = await givenAgency(database, {
    code: '01',
    name: 'BHXH thành phố Hà Nội',
    provinceCode: '01',
    communeCode: '00004',
    lat: 21.0285,
    lon: 105.8542,
  });
  const hcmc = await givenAgency(database, {
    code: '79',
    name: 'BHXH Thành phố Hồ Chí Minh',
    provinceCode: '79',
    communeCode: hcmcCommune.code,
    lat: 10.7769,
    lon: 106.7009,
  });
  const base = testServices(database);
  const services = { ...base, ...options.services?.(base), clock: base.clock };
  services.clock.set(MONDAY_MORNING);
  const app = await buildTestApp(database, {}, services);
  return {
    database,
    db: database.db,
    services,
    clock: services.clock,
    app,
    hanoi,
    hcmc,
    hcmcCommune: hcmcCommune.code,
    async dispose() {
      await app.close();
      await testDb.dispose();
    },
  };
}

let lastAddress = 0;
/** A new client address per call: the OTP route's per-IP limit counts real minutes, which these tests do not test. */
export function freshAddress(): string {
  lastAddress += 1;
  return `10.${(lastAddress >> 16) & 255}.${(lastAddress >> 8) & 255}.${lastAddress & 255}`;
}

export function call(world: World, options: InjectOptions) {
  return world.app.inject({ remoteAddress: freshAddress(), ...options });
}

/** The messages sent to a phone, newest first. */
export async function smsTo(world: World, phone: string): Promise<string[]> {
  const rows = await world.db
    .select({ body: smsMessages.body })
    .from(smsMessages)
    .where(eq(smsMessages.phone, phone))
    .orderBy(desc(smsMessages.id));
  return rows.map((r) => r.body);
}

/**
 * Asks for a registration code and reads it from the SMS outbox, as a tester does on /dev/sms. The clock first moves
 * on a minute, past the resend throttle of a phone that had a code a moment ago.
 */
export async function otpFor(world: World, phone: string): Promise<{ challengeId: string; code: string }> {
  world.clock.advance(MINUTE);
  const response = await call(world, {
    method: 'POST',
    url: '/api/v1/otp',
    payload: { phone, purpose: 'registration' },
  });
  if (response.statusCode !== 200) throw new Error(`OTP refused: ${response.body}`);
  const { challengeId } = response.json<{ challengeId: string }>();
  const [latest] = await smsTo(world, phone);
  const code = /^(\d{6})\./.exec(latest ?? '')?.[1];
  if (!code) throw new Error('no OTP in the outbox');
  return { challengeId, code };
}

export const photo = (width = 40, height = 30) =>
  sharp({ create: { width, height, channels: 3, background: '#888' } })
    .jpeg()
    .toBuffer();

/** A multipart body as a browser sends it (FormData serialised by the platform's own Response). */
export async function multipart(
  fields: Record<string, string>,
  file?: { content: Buffer; name: string; type: string },
) {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  if (file) form.append('file', new Blob([new Uint8Array(file.content)], { type: file.type }), file.name);
  const encoded = new Response(form);
  return {
    payload: Buffer.from(await encoded.arrayBuffer()),
    headers: { 'content-type': encoded.headers.get('content-type') ?? '' },
  };
}

export async function upload(world: World, purpose: string, content?: Buffer): Promise<string> {
  const body = await multipart(
    { purpose },
    { content: content ?? (await photo()), name: 'photo.jpg', type: 'image/jpeg' },
  );
  const response = await call(world, { method: 'POST', url: '/api/v1/uploads', ...body });
  if (response.statusCode !== 201) throw new Error(`upload refused: ${response.body}`);
  return uploadResult.parse(response.json()).uploadId;
}

/** Random bytes named like a photo. */
export const fakeJpeg = () => randomBytes(2048);

/** A complete, correct form 01 for a person, with a fresh OTP and a portrait; overrides replace fields. */
export async function formFor(world: World, person: PersonRow, overrides: Record<string, unknown> = {}) {
  const phone = typeof overrides.phone === 'string' ? overrides.phone : (person.phone ?? '');
  const otp = await otpFor(world, phone);
  return {
    fullName: person.fullName,
    bhxhCode: person.bhxhCode,
    personalId: person.personalId ?? '001100000000',
    birthDate: person.birthDate,
    phone,
    otpChallengeId: otp.challengeId,
    otpCode: otp.code,
    provinceCode: '01',
    communeCode: '00004',
    street: 'Số 12, phố Hàng Bài',
    agencyCode: '01',
    portraitUploadId: await upload(world, 'portrait'),
    ...overrides,
  };
}

export function submit(world: World, form: Record<string, unknown>, language = 'vi') {
  return call(world, {
    method: 'POST',
    url: '/api/v1/registrations',
    payload: form,
    headers: { 'accept-language': language },
  });
}

/** Sends a correct form for a new person and returns the person and the receipt's dossier number. */
export async function givenSubmittedForm(
  world: World,
  input: { fullName: string; birthDate: string; agencyCode?: string },
) {
  const person = await givenPerson(world.database, { fullName: input.fullName, birthDate: input.birthDate });
  const response = await submit(
    world,
    await formFor(world, person, { agencyCode: input.agencyCode ?? '01' }),
  );
  if (response.statusCode !== 201) throw new Error(`form refused: ${response.body}`);
  return { person, dossierNumber: response.json<{ dossierNumber: string }>().dossierNumber };
}

/** A staff or citizen account and the Authorization header to act as it. */
export async function signedIn(world: World, input: Parameters<typeof givenAccount>[1] & { role: Role }) {
  const account = await givenAccount(world.database, input);
  const { authorization } = await bearerFor(world.database, world.services, {
    id: account.id,
    role: input.role,
  });
  return { account, headers: { authorization } };
}
