import { readdir } from 'node:fs/promises';
import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorEnvelope, registrationReceipt, uploadResult } from '@vssid/shared';
import { auditEvents, registrationEvents, registrations, storedFiles } from '../../db/schema.ts';
import { MINUTE } from '../../platform/clock.ts';
import { testDrivers } from '../../test/database.ts';
import { givenAccount, givenPerson } from '../../test/factories.ts';
import { purgeUnattachedUploads } from './uploads.ts';
import {
  call,
  fakeJpeg,
  MONDAY_MORNING,
  formFor,
  multipart,
  otpFor,
  photo,
  registrationWorld,
  smsTo,
  submit,
  upload,
  type World,
} from './test-support.ts';

describe.each(testDrivers)('form 01 on %s', (driver) => {
  let world: World;
  beforeAll(async () => {
    world = await registrationWorld(driver);
  });
  afterAll(async () => {
    await world.dispose();
  });

  const registrationsOf = (personId: number) =>
    world.db.select().from(registrations).where(eq(registrations.personId, personId));
  const fieldsOf = (body: unknown) => errorEnvelope.parse(body).error.fields;

  describe('uploads', () => {
    it('stores a real photo re-encoded, and answers its size', async () => {
      const body = await multipart(
        { purpose: 'portrait' },
        { content: await photo(40, 30), name: 'chan-dung.jpg', type: 'image/jpeg' },
      );
      const response = await call(world, { method: 'POST', url: '/api/v1/uploads', ...body });
      expect(response.statusCode).toBe(201);
      expect(uploadResult.parse(response.json())).toMatchObject({
        purpose: 'portrait',
        mimeType: 'image/jpeg',
        width: 40,
        height: 30,
      });
    });

    it('refuses a file that claims to be a JPEG but is not (415 UPLOAD_INVALID) and stores nothing', async () => {
      const [before] = await world.db.select({ n: count() }).from(storedFiles);
      const filesBefore = await readdir(`/tmp/vssid-test-files-${process.pid}/uploads`).catch(() => []);
      const body = await multipart(
        { purpose: 'id_front' },
        { content: fakeJpeg(), name: 'photo.jpg', type: 'image/jpeg' },
      );
      const response = await call(world, {
        method: 'POST',
        url: '/api/v1/uploads',
        ...body,
        headers: { ...body.headers, 'accept-language': 'en' },
      });
      expect(response.statusCode).toBe(415);
      expect(errorEnvelope.parse(response.json()).error).toMatchObject({
        code: 'UPLOAD_INVALID',
        message: 'The file is not a valid JPEG, PNG or WebP image.',
      });
      const [after] = await world.db.select({ n: count() }).from(storedFiles);
      expect(after?.n).toBe(before?.n);
      expect(await readdir(`/tmp/vssid-test-files-${process.pid}/uploads`).catch(() => [])).toHaveLength(
        filesBefore.length,
      );
    });

    it('refuses a file over 3 MB with 413 UPLOAD_TOO_LARGE', async () => {
      const body = await multipart(
        { purpose: 'portrait' },
        { content: Buffer.alloc(3 * 1024 * 1024 + 1, 1), name: 'big.jpg', type: 'image/jpeg' },
      );
      const response = await call(world, { method: 'POST', url: '/api/v1/uploads', ...body });
      expect(response.statusCode).toBe(413);
      expect(errorEnvelope.parse(response.json()).error.code).toBe('UPLOAD_TOO_LARGE');
    });

    it('names the missing or unknown purpose and the missing file, and refuses a non-multipart body', async () => {
      const noPurpose = await multipart({}, { content: await photo(), name: 'a.jpg', type: 'image/jpeg' });
      const missing = await call(world, { method: 'POST', url: '/api/v1/uploads', ...noPurpose });
      expect(missing.statusCode).toBe(400);
      expect(fieldsOf(missing.json())).toEqual({ purpose: 'Vui lòng nhập thông tin này.' });

      const wrongPurpose = await multipart({ purpose: 'selfie' });
      const wrong = await call(world, {
        method: 'POST',
        url: '/api/v1/uploads',
        ...wrongPurpose,
        headers: { ...wrongPurpose.headers, 'accept-language': 'en' },
      });
      expect(fieldsOf(wrong.json())).toEqual({
        purpose: 'This value is not valid.',
        file: 'Please fill in this field.',
      });

      const json = await call(world, {
        method: 'POST',
        url: '/api/v1/uploads',
        payload: { purpose: 'portrait' },
      });
      expect(json.statusCode).toBe(415);
    });

    it('purges photos no form took within a day, and keeps the others', async () => {
      const stale = await upload(world, 'portrait');
      world.clock.advance(24 * 60 * MINUTE + 1);
      const fresh = await upload(world, 'portrait');
      const { purged } = await purgeUnattachedUploads(world.db, world.services);
      expect(purged).toBeGreaterThanOrEqual(1);
      const left = (await world.db.select({ id: storedFiles.id }).from(storedFiles)).map((f) => f.id);
      expect(left).toContain(fresh);
      expect(left).not.toContain(stale);
    });
  });

  describe('sending the form', () => {
    it('First, Lan asks for a code, sends her form, and gets a dossier number and the seeds’ SMS', async () => {
      world.clock.set(MONDAY_MORNING);
      const lan = await givenPerson(world.database, { fullName: 'Nguyễn Thị Lan', birthDate: '1990-05-17' });
      const form = await formFor(world, lan, { email: 'lan@example.vn', fullName: 'NGUYEN thi  lan' });
      const response = await submit(world, form);
      expect(response.statusCode).toBe(201);
      const receipt = registrationReceipt.parse(response.json());
      // Monday 23 November 2026 + 10 working days = Monday 7 December.
      expect(receipt).toMatchObject({
        status: 'submitted',
        expiresOn: '2026-12-07',
        identityVerified: true,
        agencyName: 'BHXH thành phố Hà Nội',
      });
      expect(receipt.dossierNumber).toMatch(
        new RegExp(`^\\d{5}\\.GD/2026/${String(world.hanoi.id).padStart(3, '0')}$`),
      );

      const [latest] = await smsTo(world, lan.phone ?? '');
      expect(latest).toBe(
        `BHXH Viet Nam da nhan to khai cua ma so ${lan.bhxhCode} voi so ho so la ${receipt.dossierNumber}. Vui long den BHXH gan nhat de hoan tat thu tuc. Lien he 19009068 de duoc ho tro.`,
      );
      const [stored] = await registrationsOf(lan.id);
      // The record's spelling, not the folded one typed.
      expect(stored).toMatchObject({
        fullName: 'Nguyễn Thị Lan',
        kind: 'self',
        status: 'submitted',
        agencyId: world.hanoi.id,
      });
      const [file] = await world.db
        .select()
        .from(storedFiles)
        .where(eq(storedFiles.id, form.portraitUploadId));
      expect(file?.attachedAt).not.toBeNull();
      const events = await world.db
        .select()
        .from(registrationEvents)
        .where(eq(registrationEvents.registrationId, stored?.id ?? 0));
      expect(events.map((e) => e.action)).toEqual(['submitted']);
      const audit = await world.db
        .select()
        .from(auditEvents)
        .where(
          and(
            eq(auditEvents.action, 'registration.submitted'),
            eq(auditEvents.subjectId, String(stored?.id)),
          ),
        );
      expect(audit).toHaveLength(1);
      expect(JSON.stringify(audit[0]?.details)).not.toContain(lan.bhxhCode);
    });

    it('numbers the forms of one agency in sequence', async () => {
      const first = await givenPerson(world.database, { fullName: 'Trần Văn Một', birthDate: '1985-01-01' });
      const second = await givenPerson(world.database, { fullName: 'Trần Văn Hai', birthDate: '1986-01-01' });
      const a = registrationReceipt.parse((await submit(world, await formFor(world, first))).json());
      const b = registrationReceipt.parse((await submit(world, await formFor(world, second))).json());
      expect(Number(b.dossierNumber.slice(0, 5))).toBe(Number(a.dossierNumber.slice(0, 5)) + 1);
      const hcmcPerson = await givenPerson(world.database, {
        fullName: 'Lê Văn Ba',
        birthDate: '1987-01-01',
      });
      const c = registrationReceipt.parse(
        (
          await submit(
            world,
            await formFor(world, hcmcPerson, {
              agencyCode: '79',
              provinceCode: '79',
              communeCode: world.hcmcCommune,
            }),
          )
        ).json(),
      );
      expect(c.dossierNumber).toBe(`00001.GD/2026/${String(world.hcmc.id).padStart(3, '0')}`);
    });

    it('gives forms sent at the same moment distinct, consecutive numbers', async () => {
      const crowd = await Promise.all(
        [1, 2, 3, 4, 5].map((n) =>
          givenPerson(world.database, { fullName: `Đoàn Văn Số ${n}`, birthDate: `1980-0${n}-15` }),
        ),
      );
      const forms = [];
      for (const person of crowd) forms.push(await formFor(world, person));
      const answers = await Promise.all(forms.map((form) => submit(world, form)));
      expect(answers.map((a) => a.statusCode)).toEqual([201, 201, 201, 201, 201]);
      const sequences = answers
        .map((a) => Number(registrationReceipt.parse(a.json()).dossierNumber.slice(0, 5)))
        .sort((x, y) => x - y);
      const first = sequences[0] ?? 0;
      expect(sequences).toEqual([first, first + 1, first + 2, first + 3, first + 4]);
    });

    it('allows one waiting form, one account and one phone per person', async () => {
      const binh = await givenPerson(world.database, { fullName: 'Phạm Văn Bình', birthDate: '1992-03-04' });
      expect((await submit(world, await formFor(world, binh))).statusCode).toBe(201);
      world.clock.advance(MINUTE);
      const again = await submit(world, await formFor(world, binh));
      expect(again.statusCode).toBe(409);
      expect(errorEnvelope.parse(again.json()).error.code).toBe('REGISTRATION_PENDING');

      const withAccount = await givenPerson(world.database, {
        fullName: 'Đỗ Thị Có',
        birthDate: '1980-02-02',
      });
      await givenAccount(world.database, {
        role: 'citizen',
        login: withAccount.bhxhCode,
        personId: withAccount.id,
        phone: withAccount.phone ?? '',
      });
      const exists = await submit(world, await formFor(world, withAccount), 'en');
      expect(exists.statusCode).toBe(409);
      expect(errorEnvelope.parse(exists.json()).error).toMatchObject({ code: 'ACCOUNT_EXISTS' });

      const sharer = await givenPerson(world.database, { fullName: 'Vũ Văn Chung', birthDate: '1979-09-09' });
      world.clock.advance(MINUTE);
      const taken = await submit(world, await formFor(world, sharer, { phone: withAccount.phone }));
      expect(taken.statusCode).toBe(409);
      expect(errorEnvelope.parse(taken.json()).error.code).toBe('PHONE_IN_USE');
      expect(await registrationsOf(sharer.id)).toEqual([]);
    });
  });

  describe('the OTP through the form', () => {
    it('rejects the code at exactly 5 minutes, and accepts a new one', async () => {
      const hoa = await givenPerson(world.database, { fullName: 'Bùi Thị Hoa', birthDate: '1995-07-07' });
      const form = await formFor(world, hoa);
      world.clock.advance(5 * MINUTE);
      const late = await submit(world, form);
      expect(late.statusCode).toBe(400);
      expect(errorEnvelope.parse(late.json()).error.code).toBe('OTP_EXPIRED');
      expect(await registrationsOf(hoa.id)).toEqual([]);

      const fresh = await formFor(world, hoa);
      world.clock.advance(5 * MINUTE - 1000);
      expect((await submit(world, fresh)).statusCode).toBe(201);
    });

    it('rejects the code after 5 wrong tries, even the right code afterwards', async () => {
      const khanh = await givenPerson(world.database, {
        fullName: 'Hoàng Văn Khánh',
        birthDate: '1991-11-11',
      });
      const form = await formFor(world, khanh);
      const wrong = form.otpCode === '000000' ? '111111' : '000000';
      const answers: string[] = [];
      for (let attempt = 1; attempt <= 5; attempt++) {
        const response = await submit(world, { ...form, otpCode: wrong }, 'en');
        answers.push(errorEnvelope.parse(response.json()).error.message);
      }
      expect(answers.slice(0, 4)).toEqual(
        [4, 3, 2, 1].map((n) => `The verification code is not correct. ${n} tries left.`),
      );
      expect(answers[4]).toBe('The code was entered wrongly 5 times. Please ask for a new one.');
      const right = await submit(world, form);
      expect(errorEnvelope.parse(right.json()).error.code).toBe('OTP_TOO_MANY_ATTEMPTS');
      expect(await registrationsOf(khanh.id)).toEqual([]);
    });

    it('refuses a code that was sent to another phone', async () => {
      const minh = await givenPerson(world.database, { fullName: 'Lý Văn Minh', birthDate: '1993-12-12' });
      const other = await otpFor(world, '0977000111');
      const response = await submit(world, {
        ...(await formFor(world, minh)),
        otpChallengeId: other.challengeId,
        otpCode: other.code,
      });
      expect(response.statusCode).toBe(400);
      expect(fieldsOf(response.json())).toEqual({
        phone: 'Mã xác thực đã được gửi tới một số điện thoại khác.',
      });
    });
  });

  describe('identity', () => {
    it('says which fields disagree with the BHXH record, in the caller’s language', async () => {
      const nam = await givenPerson(world.database, { fullName: 'Ngô Văn Nam', birthDate: '1970-04-30' });
      const response = await submit(
        world,
        await formFor(world, nam, { fullName: 'Ngô Văn Bắc', birthDate: '1970-05-01' }),
        'en',
      );
      expect(response.statusCode).toBe(400);
      expect(errorEnvelope.parse(response.json()).error).toEqual({
        code: 'IDENTITY_MISMATCH',
        message: 'The details do not match the BHXH records. Please check the marked fields.',
        fields: {
          fullName: 'The name does not match the BHXH records.',
          birthDate: 'The date of birth does not match the BHXH records.',
        },
      });

      const unknown = await submit(world, await formFor(world, nam, { bhxhCode: '9999999999' }));
      expect(fieldsOf(unknown.json())).toEqual({
        bhxhCode: 'Không tìm thấy mã số BHXH này. Hãy tra cứu mã số BHXH.',
      });
    });

    it('refuses an ID number that the registry knows as someone else’s', async () => {
      const owner = await givenPerson(world.database, { fullName: 'Chủ Số Thật', birthDate: '1960-01-01' });
      const claimant = await givenPerson(world.database, {
        fullName: 'Mai Thị Thu',
        birthDate: '1988-08-08',
        personalId: null,
      });
      const response = await submit(world, await formFor(world, claimant, { personalId: owner.personalId }));
      expect(response.statusCode).toBe(400);
      expect(errorEnvelope.parse(response.json()).error.code).toBe('IDENTITY_MISMATCH');
      expect(fieldsOf(response.json())).toEqual({
        personalId: 'Số định danh không khớp với dữ liệu dân cư.',
      });
    });

    it('accepts a number the registry cannot confirm only with photos of both sides of the ID', async () => {
      const thu = await givenPerson(world.database, {
        fullName: 'Đinh Thị Thu',
        birthDate: '1989-09-09',
        personalId: null,
      });
      const withoutPhotos = await submit(
        world,
        await formFor(world, thu, { personalId: '079189000123' }),
        'en',
      );
      expect(withoutPhotos.statusCode).toBe(400);
      expect(errorEnvelope.parse(withoutPhotos.json()).error).toMatchObject({
        code: 'IDENTITY_UNVERIFIED',
        fields: {
          idFrontUploadId:
            'This photo is needed because the details could not be verified with the population registry.',
          idBackUploadId:
            'This photo is needed because the details could not be verified with the population registry.',
        },
      });
      world.clock.advance(MINUTE);
      const form = await formFor(world, thu, {
        personalId: '079189000123',
        idFrontUploadId: await upload(world, 'id_front'),
        idBackUploadId: await upload(world, 'id_back'),
      });
      const withPhotos = await submit(world, form);
      expect(withPhotos.statusCode).toBe(201);
      expect(registrationReceipt.parse(withPhotos.json()).identityVerified).toBe(false);
    });
  });

  describe('bad input', () => {
    it('names each invalid field, localized, before the OTP is spent', async () => {
      const an = await givenPerson(world.database, { fullName: 'Tạ Văn An', birthDate: '1975-06-06' });
      const form = await formFor(world, an);
      const schema = await submit(
        world,
        { ...form, bhxhCode: '12345', phone: '12345', birthDate: '06/06/1975', extra: 1 },
        'en',
      );
      expect(schema.statusCode).toBe(400);
      expect(fieldsOf(schema.json())).toMatchObject({
        bhxhCode: 'A BHXH code has 10 digits.',
        phone: 'A mobile number has 10 digits and starts with 03, 05, 07, 08 or 09.',
        birthDate: 'Dates are written year-month-day.',
      });

      const references = await submit(world, {
        ...form,
        agencyCode: '99',
        communeCode: world.hcmcCommune,
        portraitUploadId: await upload(world, 'id_front'),
        idBackUploadId: '00000000-0000-4000-8000-000000000000',
      });
      expect(references.statusCode).toBe(400);
      expect(fieldsOf(references.json())).toEqual({
        agencyCode: 'Không có cơ quan BHXH với mã này.',
        communeCode: 'Không có xã/phường với mã này.',
        portraitUploadId: 'Ảnh chưa được tải lên hoặc đã hết hạn. Vui lòng tải lại.',
        idBackUploadId: 'Ảnh chưa được tải lên hoặc đã hết hạn. Vui lòng tải lại.',
      });
      // The code was not spent on those mistakes: the corrected form goes through with it.
      expect((await submit(world, form)).statusCode).toBe(201);
    });

    it('does not let two forms take the same photo', async () => {
      const first = await givenPerson(world.database, { fullName: 'Kiều Văn Một', birthDate: '1982-02-02' });
      const second = await givenPerson(world.database, { fullName: 'Kiều Văn Hai', birthDate: '1983-03-03' });
      const form = await formFor(world, first);
      expect((await submit(world, form)).statusCode).toBe(201);
      const reused = await submit(
        world,
        await formFor(world, second, { portraitUploadId: form.portraitUploadId }),
      );
      expect(fieldsOf(reused.json())).toEqual({
        portraitUploadId: 'Ảnh chưa được tải lên hoặc đã hết hạn. Vui lòng tải lại.',
      });
    });

    it('limits code requests per client address', async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 11; i++) {
        const response = await world.app.inject({
          method: 'POST',
          url: '/api/v1/otp',
          remoteAddress: '192.0.2.77',
          payload: { phone: `09880001${String(i).padStart(2, '0')}`, purpose: 'registration' },
        });
        statuses.push(response.statusCode);
      }
      expect(statuses.slice(0, 10).every((s) => s === 200)).toBe(true);
      expect(statuses[10]).toBe(429);
    });
  });
});
