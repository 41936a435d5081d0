import { z } from 'zod';
import { communeCode, fieldMessage, pageOf, paginationQuery, provinceCode } from './common.ts';

// ---- Identifiers and personal fields ----

export const bhxhCode = z.string().trim().regex(/^\d{10}$/, fieldMessage('bhxhCode'));
/** 12-digit CCCD, or the old 9-digit CMND that people still quote. */
export const personalIdNumber = z.string().trim().regex(/^(\d{12}|\d{9})$/, fieldMessage('personalIdNumber'));
/** Vietnamese mobile numbers: 0 + 9 digits starting 3/5/7/8/9, or +84 for the leading 0. */
export const mobilePhone = z
  .string()
  .trim()
  .transform((v) => v.replace(/[\s.-]/g, '').replace(/^\+84/, '0'))
  .pipe(z.string().regex(/^0[35789]\d{8}$/, fieldMessage('mobilePhone')));
export const businessDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, fieldMessage('date'));
export const fullName = z.string().trim().min(2).max(100);
export const otpCode = z.string().trim().regex(/^\d{6}$/, fieldMessage('otpCode'));
/** Long enough to be a policy; the full rules are checked by the server (see PASSWORD_RULES). */
export const newPassword = z.string().min(1).max(128);

// ---- One-time passwords (OTP) sent by SMS ----

export const OTP_PURPOSES = ['registration', 'password_change', 'password_reset'] as const;
export const otpRequest = z.object({ phone: mobilePhone, purpose: z.literal('registration') });
export const otpChallenge = z.object({
  challengeId: z.string().uuid(),
  /** When the code stops working (5 minutes after sending). */
  expiresAt: z.string(),
  /** The earliest moment another code may be sent to the same phone. */
  resendAfter: z.string(),
  /** The phone the code went to, masked (0912***678). */
  maskedPhone: z.string(),
});
export type OtpChallenge = z.infer<typeof otpChallenge>;

// ---- Uploads (portrait, ID card front/back, birth certificate) ----

/** The photos a registration form carries (one column each). */
export const REGISTRATION_PHOTO_PURPOSES = ['portrait', 'id_front', 'id_back', 'birth_certificate'] as const;
export const registrationPhotoPurpose = z.enum(REGISTRATION_PHOTO_PURPOSES);
/** What an upload may be for: a registration photo, or an attachment of a public-service dossier (dossiers.ts). */
export const UPLOAD_PURPOSES = [
  ...REGISTRATION_PHOTO_PURPOSES,
  'damaged_card',
  'damaged_book',
  'supporting_document',
] as const;
export const uploadPurpose = z.enum(UPLOAD_PURPOSES);
export const MAX_UPLOAD_BYTES = 3 * 1024 * 1024;
export const uploadResult = z.object({
  uploadId: z.string().uuid(),
  purpose: uploadPurpose,
  mimeType: z.enum(['image/jpeg', 'image/png', 'image/webp']),
  width: z.number().int(),
  height: z.number().int(),
  bytes: z.number().int(),
});
export type UploadResult = z.infer<typeof uploadResult>;

// ---- Registration (tờ khai mẫu 01) ----

export const registrationRequest = z.object({
  fullName,
  bhxhCode,
  personalId: personalIdNumber,
  birthDate: businessDate,
  phone: mobilePhone,
  otpChallengeId: z.string().uuid(),
  otpCode,
  email: z.email(fieldMessage('email')).max(200).optional(),
  provinceCode,
  communeCode,
  street: z.string().trim().min(2).max(200),
  agencyCode: z.string().trim().min(2).max(20),
  portraitUploadId: z.string().uuid(),
  idFrontUploadId: z.string().uuid().optional(),
  idBackUploadId: z.string().uuid().optional(),
});
export type RegistrationRequest = z.infer<typeof registrationRequest>;

export const REGISTRATION_STATUSES = ['submitted', 'approved', 'rejected', 'expired'] as const;
export const registrationStatus = z.enum(REGISTRATION_STATUSES);
export const registrationReceipt = z.object({
  dossierNumber: z.string(),
  status: registrationStatus,
  submittedAt: z.string(),
  /** The 10th working day: after it an unapproved form is cancelled automatically. */
  expiresOn: z.string(),
  /** True when the national population registry matched name, birth date and ID number. */
  identityVerified: z.boolean(),
  agencyName: z.string(),
});
export type RegistrationReceipt = z.infer<typeof registrationReceipt>;

export const REJECTION_REASONS = [
  'id_photo_unreadable',
  'id_mismatch',
  'portrait_mismatch',
  'bhxh_code_mismatch',
  'not_parent',
  'duplicate',
  'other',
] as const;

// ---- Officer back office ----

export const officerRegistrationQuery = paginationQuery.extend({
  status: registrationStatus.optional(),
  kind: z.enum(['self', 'child']).optional(),
  /** Only forms forwarded by an employer in this batch. */
  batchId: z.coerce.number().int().positive().optional(),
  q: z.string().trim().min(2).max(100).optional(),
});
export const officerRegistrationItem = z.object({
  id: z.number().int(),
  dossierNumber: z.string(),
  kind: z.enum(['self', 'child']),
  status: registrationStatus,
  fullName: z.string(),
  bhxhCode: z.string(),
  submittedAt: z.string(),
  expiresOn: z.string(),
  /** Working days left before automatic cancellation (0 on the last day). */
  workingDaysLeft: z.number().int(),
  identityVerified: z.boolean(),
  employerBatchId: z.number().int().nullable(),
});
export const officerRegistrationPage = pageOf(officerRegistrationItem);
export const registrationDecision = z.object({
  at: z.string(),
  action: z.string(),
  actorName: z.string(),
  reasonCode: z.string().nullable(),
  note: z.string().nullable(),
});
export const officerRegistrationDetail = officerRegistrationItem.extend({
  form: z.object({
    personalId: z.string(),
    birthDate: z.string(),
    phone: z.string(),
    email: z.string().nullable(),
    address: z.string(),
    agencyName: z.string(),
    parentName: z.string().nullable(),
  }),
  /** What the BHXH records say about the person, to compare with the form and the photos. */
  record: z
    .object({
      fullName: z.string(),
      birthDate: z.string(),
      sex: z.enum(['male', 'female']),
      personalId: z.string().nullable(),
      address: z.string(),
    })
    .nullable(),
  photos: z.array(z.object({ purpose: registrationPhotoPurpose, url: z.string() })),
  decisions: z.array(registrationDecision),
  allowedActions: z.array(z.enum(['approve', 'reject'])),
});
export type OfficerRegistrationDetail = z.infer<typeof officerRegistrationDetail>;
export const rejectRequest = z.object({ reasonCode: z.enum(REJECTION_REASONS), note: z.string().trim().max(500).optional() });
export const idParams = z.object({ id: z.coerce.number().int().positive() });
export const photoParams = idParams.extend({ purpose: registrationPhotoPurpose });
/** Batch approval: each form is approved on its own; one that cannot be (phone taken, …) stays in the queue. */
export const batchApprovalResult = z.object({
  approved: z.number().int(),
  failed: z.array(z.object({ id: z.number().int(), code: z.string() })),
});

// ---- Sessions and passwords ----

export const ROLES = ['citizen', 'officer', 'facility', 'employer', 'admin'] as const;
export const role = z.enum(ROLES);
export type Role = z.infer<typeof role>;

export const signInRequest = z.object({
  /** BHXH code or personal ID number for citizens; the username for staff. */
  login: z.string().trim().min(3).max(64),
  password: z.string().min(1).max(128),
  /** Which area signs in: citizens in the app, staff in their back office. */
  area: role.default('citizen'),
});
export const accountSummary = z.object({
  id: z.number().int(),
  role,
  displayName: z.string(),
  login: z.string(),
  /** First sign-in or expired password: only a password change is allowed until it is done. */
  mustChangePassword: z.boolean(),
  passwordExpired: z.boolean(),
  scope: z.object({
    agencyCode: z.string().nullable(),
    facilityCode: z.string().nullable(),
    employerUnitCode: z.string().nullable(),
  }),
});
export type AccountSummary = z.infer<typeof accountSummary>;
export const signInResponse = z.object({ accessToken: z.string(), expiresIn: z.number().int(), account: accountSummary });
export type SignInResponse = z.infer<typeof signInResponse>;
export const sessionItem = z.object({
  id: z.string().uuid(),
  current: z.boolean(),
  device: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string(),
});
export const sessionList = z.object({ items: z.array(sessionItem) });

export const passwordChangeRequest = z.object({
  currentPassword: z.string().min(1).max(128),
  newPassword,
  otpChallengeId: z.string().uuid(),
  otpCode,
});
export const forgotPasswordRequest = z.object({ login: z.string().trim().min(3).max(64) });
export const passwordResetRequest = z.object({ challengeId: z.string().uuid(), otpCode, newPassword });

/** The password policy, shown as a checklist in the UI and enforced by the server. */
export const PASSWORD_RULES = {
  minLength: 8,
  needsLower: true,
  needsUpper: true,
  needsDigit: true,
  needsSymbol: true,
} as const;
export type PasswordRule = 'minLength' | 'lower' | 'upper' | 'digit' | 'symbol' | 'notLogin';
export function unmetPasswordRules(password: string, login?: string): PasswordRule[] {
  const unmet: PasswordRule[] = [];
  if ([...password].length < PASSWORD_RULES.minLength) unmet.push('minLength');
  if (!/\p{Ll}/u.test(password)) unmet.push('lower');
  if (!/\p{Lu}/u.test(password)) unmet.push('upper');
  if (!/\p{Nd}/u.test(password)) unmet.push('digit');
  if (!/[^\p{L}\p{Nd}]/u.test(password)) unmet.push('symbol');
  if (login && password.toLowerCase().includes(login.toLowerCase())) unmet.push('notLogin');
  return unmet;
}

// ---- Children ----

export const childRegistrationRequest = z.object({ childBhxhCode: bhxhCode, birthCertificateUploadId: z.string().uuid() });
export const childItem = z.object({ personId: z.number().int(), fullName: z.string(), bhxhCode: z.string(), birthDate: z.string() });
export const childList = z.object({ items: z.array(childItem) });

// ---- Employer focal point ----

export const employerRegistrationItem = officerRegistrationItem.extend({ paperReceivedAt: z.string().nullable() });
export const employerRegistrationPage = pageOf(employerRegistrationItem);
export const employerBatchRequest = z.object({ registrationIds: z.array(z.number().int().positive()).min(1).max(500) });
export const employerBatch = z.object({ batchId: z.number().int(), count: z.number().int(), createdAt: z.string() });

// ---- Staff accounts (admin) ----

export const staffCreateRequest = z.object({
  role: z.enum(['officer', 'facility', 'employer', 'admin']),
  // At least one letter: all-digit logins belong to citizens (their BHXH code).
  username: z.string().trim().regex(/^(?=.*[a-z])[a-z0-9._-]{3,40}$/, fieldMessage('username')),
  displayName: fullName,
  phone: mobilePhone,
  agencyCode: z.string().trim().optional(),
  facilityCode: z.string().trim().length(5).optional(),
  employerUnitCode: z.string().trim().optional(),
});
export const staffItem = accountSummary.extend({ createdAt: z.string() });
export const staffPage = pageOf(staffItem);
export const staffQuery = paginationQuery.extend({ role: z.enum(['officer', 'facility', 'employer', 'admin']).optional() });

// ---- SMS outbox (development page) ----

export const smsItem = z.object({ id: z.number().int(), phone: z.string(), body: z.string(), status: z.string(), createdAt: z.string() });
export const smsList = z.object({ items: z.array(smsItem) });
export const smsQuery = z.object({ phone: mobilePhone.optional(), limit: z.coerce.number().int().min(1).max(100).default(20) });

// ---- Types of the contracts above (server services and the web client share them) ----

export type UploadPurpose = (typeof UPLOAD_PURPOSES)[number];
export type RegistrationPhotoPurpose = (typeof REGISTRATION_PHOTO_PURPOSES)[number];
export type RejectionReason = (typeof REJECTION_REASONS)[number];
export type OfficerRegistrationQuery = z.infer<typeof officerRegistrationQuery>;
export type OfficerRegistrationItem = z.infer<typeof officerRegistrationItem>;
export type OfficerRegistrationPage = z.infer<typeof officerRegistrationPage>;
export type RejectRequest = z.infer<typeof rejectRequest>;
export type BatchApprovalResult = z.infer<typeof batchApprovalResult>;
export type ChildRegistrationRequest = z.infer<typeof childRegistrationRequest>;
export type ChildList = z.infer<typeof childList>;
export type EmployerRegistrationItem = z.infer<typeof employerRegistrationItem>;
export type EmployerRegistrationPage = z.infer<typeof employerRegistrationPage>;
export type EmployerBatch = z.infer<typeof employerBatch>;
export type StaffCreateRequest = z.infer<typeof staffCreateRequest>;
export type StaffItem = z.infer<typeof staffItem>;
export type StaffPage = z.infer<typeof staffPage>;
export type StaffQuery = z.infer<typeof staffQuery>;
