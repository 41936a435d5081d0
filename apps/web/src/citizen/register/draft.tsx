import type { OtpChallenge, RegistrationReceipt } from '@vssid/shared';
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import type { UploadedPhoto } from '../../components/PhotoPicker.tsx';
import type { FieldErrors } from '../../forms/fieldErrors.ts';

/** The five steps of form 01 on a phone. */
export const STEPS = ['identity', 'photos', 'contact', 'agency', 'review'] as const;
export type StepName = (typeof STEPS)[number];

/** Every input of the wizard, named as the API names it (plus the declaration tick, which stays in the browser). */
export const STEP_FIELDS = {
  identity: ['fullName', 'bhxhCode', 'personalId', 'birthDate'],
  photos: ['portraitUploadId', 'idFrontUploadId', 'idBackUploadId'],
  contact: ['provinceCode', 'communeCode', 'street', 'phone', 'otpChallengeId', 'otpCode', 'email'],
  agency: ['agencyCode'],
  review: ['agreed'],
} as const satisfies Record<StepName, readonly string[]>;
export type DraftField = (typeof STEP_FIELDS)[StepName][number];

export interface RegistrationDraft {
  step: number;
  fullName: string;
  bhxhCode: string;
  personalId: string;
  birthDay: string;
  birthMonth: string;
  birthYear: string;
  portrait: UploadedPhoto | null;
  idFront: UploadedPhoto | null;
  idBack: UploadedPhoto | null;
  provinceCode: string | null;
  provinceName: string;
  communeCode: string | null;
  communeName: string;
  street: string;
  phone: string;
  /** The code sent, and the number it was sent to: a changed number needs a new code. */
  otp: { challenge: OtpChallenge; phone: string } | null;
  otpCode: string;
  email: string;
  agencyCode: string | null;
  agencyName: string;
  agreed: boolean;
  errors: FieldErrors<DraftField>;
  /** The server's message for the step it sent the person back to. */
  stepMessage: string | null;
  receipt: RegistrationReceipt | null;
}

export const EMPTY_DRAFT: RegistrationDraft = {
  step: 0,
  fullName: '',
  bhxhCode: '',
  personalId: '',
  birthDay: '',
  birthMonth: '',
  birthYear: '',
  portrait: null,
  idFront: null,
  idBack: null,
  provinceCode: null,
  provinceName: '',
  communeCode: null,
  communeName: '',
  street: '',
  phone: '',
  otp: null,
  otpCode: '',
  email: '',
  agencyCode: null,
  agencyName: '',
  agreed: false,
  errors: {},
  stepMessage: null,
  receipt: null,
};

interface DraftContextValue {
  draft: RegistrationDraft;
  update: (
    patch: Partial<RegistrationDraft> | ((draft: RegistrationDraft) => Partial<RegistrationDraft>),
  ) => void;
  reset: () => void;
}

const DraftContext = createContext<DraftContextValue | null>(null);

/**
 * Holds the form above the routes, in memory only: going to the code look-up and back, or between steps, keeps what
 * was typed; closing the tab forgets it (personal data and photos are never written to the device's storage).
 */
export function RegistrationDraftProvider({ children }: { children: ReactNode }) {
  const [draft, setDraft] = useState<RegistrationDraft>(EMPTY_DRAFT);
  const update = useCallback<DraftContextValue['update']>((patch) => {
    setDraft((current) => ({ ...current, ...(typeof patch === 'function' ? patch(current) : patch) }));
  }, []);
  const reset = useCallback(() => setDraft(EMPTY_DRAFT), []);
  const value = useMemo(() => ({ draft, update, reset }), [draft, update, reset]);
  return <DraftContext value={value}>{children}</DraftContext>;
}

export function useRegistrationDraft(): DraftContextValue {
  const value = useContext(DraftContext);
  if (!value) throw new Error('useRegistrationDraft outside RegistrationDraftProvider');
  return value;
}

/** 'YYYY-MM-DD' from the three selects, or null while one is missing. */
export function draftBirthDate(
  draft: Pick<RegistrationDraft, 'birthDay' | 'birthMonth' | 'birthYear'>,
): string | null {
  if (!draft.birthDay || !draft.birthMonth || !draft.birthYear) return null;
  return `${draft.birthYear}-${draft.birthMonth.padStart(2, '0')}-${draft.birthDay.padStart(2, '0')}`;
}

/** The step that holds a field. */
export function stepOfField(field: string): number {
  const index = STEPS.findIndex((step) => (STEP_FIELDS[step] as readonly string[]).includes(field));
  return index;
}
