import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { childList, errorEnvelope, registrationReceipt } from '@vssid/shared';
import { guardianships, registrations, registryRelations } from '../../db/schema.ts';
import { bearerFor } from '../../test/auth.ts';
import { testDrivers } from '../../test/database.ts';
import { givenPerson } from '../../test/factories.ts';
import { guardianOf } from './children.ts';
import { seedRegistryRelations } from '../../db/seed/registry-relations.ts';
import { call, type World, registrationWorld, signedIn, smsTo, upload } from './test-support.ts';

type Person = Awaited<ReturnType<typeof givenPerson>>;
type Caller = Awaited<ReturnType<typeof signedIn>>;

describe.each(testDrivers)('children under 18 on %s', (driver) => {
  let world: World;
  let officer: Caller;
  let hoa: Caller;
  let tuan: Caller;
  const family: Record<string, Person> = {};

  beforeAll(async () => {
    world = await registrationWorld(driver);
    // One household: Hoa and Quang, their children, Hoa's mother. Tuấn lives elsewhere; so does little Na.
    const mother = await givenPerson(world.database, {
      fullName: 'Đặng Thị Hoa',
      birthDate: '1990-03-03',
      sex: 'female',
    });
    const inHousehold = (
      fullName: string,
      birthDate: string,
      sex: 'male' | 'female',
      personalId: string | null = null,
    ) =>
      givenPerson(world.database, {
        fullName,
        birthDate,
        sex,
        personalId,
        householdCode: mother.householdCode,
      });
    family.hoa = mother;
    family.quang = await inHousehold('Phan Văn Quang', '1988-08-08', 'male', '001088000999');
    family.grandmother = await inHousehold('Lê Thị Tư', '1960-01-01', 'female', '001160000999');
    family.minh = await inHousehold('Phan Đức Minh', '2018-06-01', 'male');
    family.lam = await inHousehold('Phan Văn Lâm', '2011-01-15', 'male', '001211000999');
    family.nga = await inHousehold('Phan Thị Nga', '2010-06-06', 'female');
    family.vy = await inHousehold('Phan Thảo Vy', '2008-12-01', 'female');
    family.son = await inHousehold('Phan Văn Sơn', '2008-02-02', 'male');
    const tuanPerson = await givenPerson(world.database, {
      fullName: 'Hà Văn Tuấn',
      birthDate: '1985-05-05',
      sex: 'male',
    });
    family.na = await givenPerson(world.database, {
      fullName: 'Trương Thị Na',
      birthDate: '2019-09-09',
      personalId: null,
    });

    officer = await signedIn(world, {
      role: 'officer',
      agencyId: world.hanoi.id,
      displayName: 'Cán bộ Hà Nội',
    });
    hoa = await signedIn(world, {
      role: 'citizen',
      personId: mother.id,
      login: mother.bhxhCode,
      phone: mother.phone ?? '',
      displayName: mother.fullName,
    });
    tuan = await signedIn(world, {
      role: 'citizen',
      personId: tuanPerson.id,
      login: tuanPerson.bhxhCode,
      phone: tuanPerson.phone ?? '',
    });
  });
  afterAll(async () => {
    await world.dispose();
  });

  const person = (name: string): Person => {
    const found = family[name];
    if (!found) throw new Error(`no ${name} in the family`);
    return found;
  };
  const register = async (caller: Caller, childName: string, overrides: Record<string, unknown> = {}) =>
    call(world, {
      method: 'POST',
      url: '/api/v1/children/registrations',
      headers: caller.headers,
      payload: {
        childBhxhCode: person(childName).bhxhCode,
        birthCertificateUploadId: await upload(world, 'birth_certificate'),
        ...overrides,
      },
    });
  const formOf = async (childName: string) =>
    (
      await world.db
        .select()
        .from(registrations)
        .where(eq(registrations.personId, person(childName).id))
    )[0];
  const approve = async (childName: string) =>
    call(world, {
      method: 'POST',
      url: `/api/v1/officer/registrations/${(await formOf(childName))?.id}/approve`,
      headers: officer.headers,
    });
  const children = async (caller: Caller) =>
    childList
      .parse((await call(world, { method: 'GET', url: '/api/v1/children', headers: caller.headers })).json())
      .items.map((c) => c.fullName);

  it('derives the registry’s parents from households: a mother and a father per child, not the grandmother', async () => {
    const added = await seedRegistryRelations(world.db, '2026-11-23');
    const relations = await world.db.select().from(registryRelations);
    const parentsOf = (name: string) =>
      relations
        .filter((r) => r.childPersonId === person(name).id)
        .map((r) => [r.relation, r.parentPersonId])
        .sort();
    expect(parentsOf('minh')).toEqual([
      ['father', person('quang').id],
      ['mother', person('hoa').id],
    ]);
    expect(parentsOf('vy')).toEqual(parentsOf('minh'));
    expect(parentsOf('son')).toEqual([]); // 18 already
    expect(relations.some((r) => r.parentPersonId === person('grandmother').id)).toBe(false);
    expect(added).toBe(relations.length);
    expect(await seedRegistryRelations(world.db, '2026-11-23')).toBe(0);
  });

  it('First, Hoa registers her son Minh with a photo of his birth certificate', async () => {
    const response = await register(hoa, 'minh');
    expect(response.statusCode).toBe(201);
    const receipt = registrationReceipt.parse(response.json());
    expect(receipt).toMatchObject({
      status: 'submitted',
      agencyName: 'BHXH thành phố Hà Nội',
      identityVerified: false,
    });
    expect(await formOf('minh')).toMatchObject({
      kind: 'child',
      parentAccountId: hoa.account.id,
      phone: person('hoa').phone,
      fullName: 'Phan Đức Minh',
    });
    const [sms] = await smsTo(world, person('hoa').phone ?? '');
    expect(sms).toContain(`ma so ${person('minh').bhxhCode} voi so ho so la ${receipt.dossierNumber}`);
  });

  it('accepts a child of 14–17 without an ID card, but not one who has a card or is 18', async () => {
    expect((await register(hoa, 'nga')).statusCode).toBe(201);
    const withCard = await register(hoa, 'lam', {});
    expect(withCard.statusCode).toBe(400);
    expect(errorEnvelope.parse(withCard.json()).error).toMatchObject({
      code: 'CHILD_NOT_ELIGIBLE',
      fields: { childBhxhCode: 'Trẻ từ 14 tuổi đã có CCCD tự đăng ký tài khoản.' },
    });
    const adult = await call(world, {
      method: 'POST',
      url: '/api/v1/children/registrations',
      headers: { ...hoa.headers, 'accept-language': 'ko' },
      payload: {
        childBhxhCode: person('son').bhxhCode,
        birthCertificateUploadId: await upload(world, 'birth_certificate'),
      },
    });
    expect(errorEnvelope.parse(adult.json()).error.fields).toEqual({
      childBhxhCode: '아동이 이미 18세입니다.',
    });
  });

  it('names a missing or wrong birth certificate, an unknown code, and refuses a second form for the same child', async () => {
    const missing = await call(world, {
      method: 'POST',
      url: '/api/v1/children/registrations',
      headers: { ...hoa.headers, 'accept-language': 'en' },
      payload: { childBhxhCode: '123' },
    });
    expect(errorEnvelope.parse(missing.json()).error.fields).toEqual({
      childBhxhCode: 'A BHXH code has 10 digits.',
      birthCertificateUploadId: 'Please fill in this field.',
    });
    const portrait = await register(hoa, 'vy', { birthCertificateUploadId: await upload(world, 'portrait') });
    expect(errorEnvelope.parse(portrait.json()).error.fields).toEqual({
      birthCertificateUploadId: 'Ảnh chưa được tải lên hoặc đã hết hạn. Vui lòng tải lại.',
    });
    const unknown = await register(hoa, 'vy', { childBhxhCode: '0000000000' });
    expect(errorEnvelope.parse(unknown.json()).error.code).toBe('IDENTITY_MISMATCH');
    const again = await register(hoa, 'minh');
    expect(errorEnvelope.parse(again.json()).error.code).toBe('REGISTRATION_PENDING');
  });

  it('refuses anonymous callers and staff on the children routes', async () => {
    for (const [method, url] of [
      ['POST', '/api/v1/children/registrations'],
      ['GET', '/api/v1/children'],
    ] as const) {
      expect((await call(world, { method, url })).statusCode).toBe(401);
      expect((await call(world, { method, url, headers: officer.headers })).statusCode).toBe(403);
    }
  });

  it('Second, Tuấn registers little Na, who is not his: the officer cannot approve it', async () => {
    expect((await register(tuan, 'na')).statusCode).toBe(201);
    const response = await approve('na');
    expect(response.statusCode).toBe(409);
    expect(errorEnvelope.parse(response.json()).error.code).toBe('NOT_A_PARENT');
    expect((await formOf('na'))?.status).toBe('submitted');
    expect(await world.db.select().from(guardianships)).toEqual([]);
    expect(await children(tuan)).toEqual([]);
  });

  it('Third, the officer approves Hoa’s form: Minh appears in her account, and only in hers', async () => {
    const response = await approve('minh');
    expect(response.statusCode).toBe(200);
    const [sms] = await smsTo(world, person('hoa').phone ?? '');
    expect(sms).toBe(
      `BHXH Viet Nam da duyet ho so ${(await formOf('minh'))?.dossierNumber}: tre co ma so BHXH ${person('minh').bhxhCode} da duoc lien ket voi tai khoan VssID cua ban.`,
    );
    expect(await children(hoa)).toEqual(['Phan Đức Minh']);
    expect(await guardianOf(world.db, hoa.account.id, person('minh').id, '2026-11-23')).toBe(true);
    // Tuấn, not a parent, does not see Minh's records.
    expect(await guardianOf(world.db, tuan.account.id, person('minh').id, '2026-11-23')).toBe(false);
    expect(await children(tuan)).toEqual([]);
    const again = await register(hoa, 'minh');
    expect(errorEnvelope.parse(again.json()).error.code).toBe('CHILD_ALREADY_LINKED');
  });

  it('stops giving access on the child’s 18th birthday', async () => {
    expect((await register(hoa, 'vy')).statusCode).toBe(201);
    expect((await approve('vy')).statusCode).toBe(200);
    expect(await children(hoa)).toEqual(['Phan Thảo Vy', 'Phan Đức Minh']);

    world.clock.set('2026-11-30T17:00:00Z'); // midnight starting 1 December 2026 in Hà Nội: Vy is 18
    const fresh = await bearerFor(world.database, world.services, { id: hoa.account.id, role: 'citizen' });
    expect(await children({ ...hoa, headers: { authorization: fresh.authorization } })).toEqual([
      'Phan Đức Minh',
    ]);
    expect(await guardianOf(world.db, hoa.account.id, person('vy').id, '2026-12-01')).toBe(false);
    expect(await guardianOf(world.db, hoa.account.id, person('vy').id, '2026-11-30')).toBe(true);
  });
});
