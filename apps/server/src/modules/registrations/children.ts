// Children under 18: a parent with an account registers the child (its BHXH code and a photo of the birth
// certificate); an officer approves it after the registry confirms the relation; the child's records then show in
// the parent's app until the child turns 18.
import {
  type ChildList,
  type ChildRegistrationRequest,
  type RegistrationReceipt,
  vietnamDate,
} from '@vssid/shared';
import type { Db } from '../../db/connection.ts';
import type { Principal } from '../../platform/auth.ts';
import { AppError } from '../../platform/errors.ts';
import type { Services } from '../../platform/services.ts';
import * as repo from './repo.ts';
import { callerAccount, isMinor, recordSubmission, type RequestContext, yearsBefore } from './service.ts';
import { checkUploads } from './uploads.ts';

/**
 * The rule is "a child under 18 who has no CCCD". The card is compulsory from 14 (Luật Căn cước 2023; below 14 only
 * on request), and the synthetic population gives nearly everyone a personal ID, so: under 14 always; from 14 to 17
 * only while the child has no personal ID — one who has a card registers their own account.
 */
export const ALWAYS_ELIGIBLE_BELOW_AGE = 14;

/** Whether this account may see this child's records today: an approved link, and the child still under 18. */
export async function guardianOf(
  db: Db,
  parentAccountId: number,
  childPersonId: number,
  today: string,
): Promise<boolean> {
  const link = await repo.findGuardianship(db, parentAccountId, childPersonId);
  if (!link) return false;
  const child = await repo.findPersonById(db, childPersonId);
  return child !== undefined && isMinor(child.birthDate, today);
}

export async function listChildren(db: Db, services: Services, principal: Principal): Promise<ChildList> {
  const today = vietnamDate(services.clock.now());
  // At 18 the link stops giving access: children born 18 or more years ago drop out of the list.
  const items = await repo.childrenOf(db, principal.accountId, yearsBefore(today, 18));
  return { items };
}

async function receivingAgency(db: Db, parentPersonId: number, provinceCode: string, today: string) {
  // The office that handled the parent's own form knows the family; otherwise the province's BHXH.
  const agency =
    (await repo.agencyOfApprovedRegistration(db, parentPersonId)) ??
    (await repo.findProvincialAgency(db, provinceCode, today));
  if (!agency) throw new Error(`No BHXH agency in force for province ${provinceCode}`);
  return agency;
}

export async function registerChild(
  db: Db,
  services: Services,
  principal: Principal,
  input: ChildRegistrationRequest,
  context: RequestContext,
): Promise<RegistrationReceipt> {
  const today = vietnamDate(services.clock.now());
  const parent = await callerAccount(db, principal);
  const parentPerson = parent.personId === null ? undefined : await repo.findPersonById(db, parent.personId);
  if (!parentPerson) throw new AppError('FORBIDDEN', 403);

  const child = await repo.findPersonByBhxhCode(db, input.childBhxhCode);
  if (!child || child.id === parentPerson.id) {
    throw new AppError('IDENTITY_MISMATCH', 400, { fields: { childBhxhCode: { key: 'bhxhCodeUnknown' } } });
  }
  if (!isMinor(child.birthDate, today)) {
    throw new AppError('CHILD_NOT_ELIGIBLE', 400, { fields: { childBhxhCode: { key: 'childTooOld' } } });
  }
  const youngChild = child.birthDate > yearsBefore(today, ALWAYS_ELIGIBLE_BELOW_AGE);
  if (!youngChild && child.personalId !== null) {
    throw new AppError('CHILD_NOT_ELIGIBLE', 400, {
      fields: { childBhxhCode: { key: 'childHasPersonalId' } },
    });
  }
  if (await repo.findGuardianship(db, parent.id, child.id)) throw new AppError('CHILD_ALREADY_LINKED', 409);
  if (await repo.accountOfPerson(db, child.id)) throw new AppError('ACCOUNT_EXISTS', 409);
  if (await repo.activeRegistrationOfPerson(db, child.id)) throw new AppError('REGISTRATION_PENDING', 409);
  const uploadIds = await checkUploads(db, [
    { field: 'birthCertificateUploadId', id: input.birthCertificateUploadId, purpose: 'birth_certificate' },
  ]);
  const agency = await receivingAgency(db, parentPerson.id, parentPerson.provinceCode, today);

  return recordSubmission(
    db,
    services,
    {
      form: {
        kind: 'child',
        personId: child.id,
        parentAccountId: parent.id,
        fullName: child.fullName,
        bhxhCode: child.bhxhCode,
        personalId: child.personalId,
        birthDate: child.birthDate,
        // Notices go to the parent, who lives with the child.
        phone: parent.phone,
        email: parent.email,
        provinceCode: parentPerson.provinceCode,
        communeCode: parentPerson.communeCode,
        street: parentPerson.street,
        // The relation is checked against the registry at approval; the child has no ID card to verify.
        identityVerified: false,
        birthCertificateFileId: input.birthCertificateUploadId,
      },
      agency,
      uploadIds,
    },
    context,
  );
}
