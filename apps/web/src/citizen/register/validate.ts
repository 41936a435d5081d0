import { registrationRequest } from '@vssid/shared';
import type { TFunction } from 'i18next';
import { OTP_LENGTH } from '../../components/OtpEntry.tsx';
import type { FieldErrors } from '../../forms/fieldErrors.ts';
import { draftBirthDate, type DraftField, type RegistrationDraft, type StepName } from './draft.tsx';

const shape = registrationRequest.shape;

/** The number as the server will store it (spaces, dots and +84 folded away), or null when it is not a mobile number. */
export function normalizedPhone(phone: string): string | null {
  const parsed = shape.phone.safeParse(phone);
  return parsed.success ? parsed.data : null;
}

/** A real calendar date, not in the future. */
export function isValidBirthDate(value: string): boolean {
  const [year, month, day] = value.split('-').map(Number);
  if (year === undefined || month === undefined || day === undefined) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day &&
    date.getTime() <= Date.now()
  );
}

/** The same checks as the contract, with messages in the reader's language; the server checks everything again. */
export function validateStep(
  step: StepName,
  draft: RegistrationDraft,
  t: TFunction,
): FieldErrors<DraftField> {
  const errors: FieldErrors<DraftField> = {};
  const required = t('fields.required', { ns: 'errors' });
  switch (step) {
    case 'identity': {
      const name = draft.fullName.trim();
      if (name === '') errors.fullName = required;
      else if (!shape.fullName.safeParse(name).success) errors.fullName = t('register.errors.fullName');
      if (draft.bhxhCode.trim() === '') errors.bhxhCode = required;
      else if (!shape.bhxhCode.safeParse(draft.bhxhCode).success)
        errors.bhxhCode = t('fields.bhxhCode', { ns: 'errors' });
      if (draft.personalId.trim() === '') errors.personalId = required;
      else if (!shape.personalId.safeParse(draft.personalId).success) {
        errors.personalId = t('fields.personalIdNumber', { ns: 'errors' });
      }
      const birthDate = draftBirthDate(draft);
      if (birthDate === null) errors.birthDate = t('register.errors.birthDateIncomplete');
      else if (!isValidBirthDate(birthDate)) errors.birthDate = t('register.errors.birthDateInvalid');
      break;
    }
    case 'photos':
      if (draft.portrait === null) errors.portraitUploadId = t('register.errors.portraitRequired');
      break;
    case 'contact': {
      if (draft.provinceCode === null) errors.provinceCode = t('register.errors.chooseProvince');
      if (draft.communeCode === null) errors.communeCode = t('register.errors.chooseCommune');
      const street = draft.street.trim();
      if (street === '') errors.street = required;
      else if (!shape.street.safeParse(street).success)
        errors.street = t('fields.tooShort', { ns: 'errors', minimum: '2' });
      const phone = normalizedPhone(draft.phone);
      if (draft.phone.trim() === '') errors.phone = required;
      else if (phone === null) errors.phone = t('fields.mobilePhone', { ns: 'errors' });
      else if (draft.otp === null || draft.otp.phone !== phone) errors.otpCode = t('otp.sendFirst');
      else if (draft.otpCode.length !== OTP_LENGTH) errors.otpCode = t('fields.otpCode', { ns: 'errors' });
      const email = draft.email.trim();
      if (email !== '' && !shape.email.safeParse(email).success)
        errors.email = t('fields.email', { ns: 'errors' });
      break;
    }
    case 'agency':
      if (draft.agencyCode === null) errors.agencyCode = t('register.errors.chooseAgency');
      break;
    case 'review':
      if (!draft.agreed) errors.agreed = t('register.errors.agree');
      break;
    default: {
      const unreachable: never = step;
      throw new Error(`unknown step ${String(unreachable)}`);
    }
  }
  return errors;
}
