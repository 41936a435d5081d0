// Public-service dossiers (dịch vụ công): one engine, several dossier types. A type declares its form (zod), the
// attachments it needs, its processing time in working days and the reasons an officer may give; the state machine
// is the same for every type. Registering an account for a child is the registrations flow (form 01 for a child)
// and is listed beside these in the app.
import { z } from 'zod';
import { mobilePhone } from './accounts.ts';
import { communeCode, fieldMessage, pageOf, paginationQuery, provinceCode } from './common.ts';

export const DOSSIER_TYPES = ['book_reissue', 'card_reissue', 'pension_place_change', 'receipt_method_change'] as const;
export const dossierType = z.enum(DOSSIER_TYPES);
export type DossierType = z.infer<typeof dossierType>;

export const DOSSIER_STATUSES = [
  'submitted',
  'received',
  'in_processing',
  'needs_info',
  'resubmitted',
  'approved',
  'rejected',
  'withdrawn',
] as const;
export const dossierStatus = z.enum(DOSSIER_STATUSES);
export type DossierStatus = z.infer<typeof dossierStatus>;
export const FINAL_DOSSIER_STATUSES: readonly DossierStatus[] = ['approved', 'rejected', 'withdrawn'];

/** What someone does to a dossier; each is one append-only event. */
export const DOSSIER_ACTIONS = ['submit', 'receive', 'claim', 'request_info', 'resubmit', 'approve', 'reject', 'withdraw'] as const;
export type DossierAction = (typeof DOSSIER_ACTIONS)[number];

/**
 * The state machine, for every type: which action moves which status where. Approve and reject need the dossier
 * claimed by an officer other than the one who received it (maker ≠ checker; the server enforces who).
 */
export const DOSSIER_TRANSITIONS: Readonly<Record<DossierAction, { from: readonly DossierStatus[]; to: DossierStatus }>> = {
  submit: { from: [], to: 'submitted' },
  receive: { from: ['submitted'], to: 'received' },
  claim: { from: ['received'], to: 'in_processing' },
  request_info: { from: ['in_processing', 'resubmitted'], to: 'needs_info' },
  resubmit: { from: ['needs_info'], to: 'resubmitted' },
  approve: { from: ['in_processing', 'resubmitted'], to: 'approved' },
  reject: { from: ['in_processing', 'resubmitted'], to: 'rejected' },
  withdraw: { from: ['submitted', 'received', 'in_processing', 'needs_info', 'resubmitted'], to: 'withdrawn' },
};

/** The status an action leads to from `status`, or null when the state machine does not allow it. */
export function nextDossierStatus(status: DossierStatus | null, action: DossierAction): DossierStatus | null {
  const transition = DOSSIER_TRANSITIONS[action];
  if (status === null) return action === 'submit' ? transition.to : null;
  return transition.from.includes(status) ? transition.to : null;
}

export const DOSSIER_UPLOAD_PURPOSES = ['damaged_card', 'damaged_book', 'supporting_document'] as const;

// ---- The forms ----

const note = z.string().trim().max(500);
const lossReason = z.enum(['lost', 'damaged']);

export const bookReissueForm = z.object({
  reason: lossReason,
  /** Sent by post to the registered address, or collected at the agency. */
  delivery: z.enum(['post', 'at_agency']),
  note: note.optional(),
});
export const cardReissueForm = z.object({ reason: lossReason, note: note.optional() });
export const pensionPlaceChangeForm = z.object({
  /** The monthly benefit (pension or allowance) whose pay place moves. */
  benefitPaymentId: z.number().int().positive(),
  provinceCode,
  communeCode,
  street: z.string().trim().min(2).max(200),
  note: note.optional(),
});
export const PAYMENT_METHODS = ['cash_post_office', 'bank_account'] as const;
export const paymentMethod = z.enum(PAYMENT_METHODS);
export type PaymentMethod = z.infer<typeof paymentMethod>;
export const bankAccountNumber = z.string().trim().regex(/^\d{6,19}$/, fieldMessage('bankAccountNumber'));
export const receiptMethodChangeForm = z
  .object({
    benefitPaymentId: z.number().int().positive(),
    method: paymentMethod,
    /** With method bank_account: the bank (code from the bank list) and the account, held by the beneficiary. */
    bankCode: z.string().trim().regex(/^[A-Z]{2,12}$/, fieldMessage('bankCode')).optional(),
    accountNumber: bankAccountNumber.optional(),
    /** The beneficiary's information kept with the payment: a phone for the post office to call. */
    contactPhone: mobilePhone.optional(),
    note: note.optional(),
  })
  .superRefine((form, ctx) => {
    if (form.method !== 'bank_account') return;
    if (!form.bankCode) ctx.addIssue({ code: 'custom', path: ['bankCode'], message: 'fields.required' });
    if (!form.accountNumber) ctx.addIssue({ code: 'custom', path: ['accountNumber'], message: 'fields.required' });
  });

export const dossierUploadPurpose = z.enum(DOSSIER_UPLOAD_PURPOSES);
export const dossierAttachment = z.object({ uploadId: z.string().uuid(), purpose: dossierUploadPurpose });
const attachments = z.array(dossierAttachment).max(5).default([]);

export const dossierSubmission = z.discriminatedUnion('type', [
  z.object({ type: z.literal('book_reissue'), form: bookReissueForm, attachments }),
  z.object({ type: z.literal('card_reissue'), form: cardReissueForm, attachments }),
  z.object({ type: z.literal('pension_place_change'), form: pensionPlaceChangeForm, attachments }),
  z.object({ type: z.literal('receipt_method_change'), form: receiptMethodChangeForm, attachments }),
]);
export type DossierSubmission = z.infer<typeof dossierSubmission>;
export type DossierForm = DossierSubmission['form'];

/** Reasons an officer may give, per outcome (localized in the web catalog `dossiers.reasons`). */
export const INFO_REQUEST_REASONS = ['photo_unreadable', 'attachment_missing', 'details_unclear', 'other'] as const;
export const REJECTION_REASONS_DOSSIER = [
  'not_entitled',
  'details_mismatch',
  'bank_account_holder_mismatch',
  'duplicate',
  'other',
] as const;
export const APPROVAL_REASONS = ['complete', 'verified_in_records'] as const;
export const dossierReason = z.enum([...INFO_REQUEST_REASONS, ...REJECTION_REASONS_DOSSIER, ...APPROVAL_REASONS]);

export interface DossierTypeSpec {
  /** Working days from a complete dossier to the decision. */
  processingWorkingDays: number;
  /** Attachments the citizen must upload, by the form's reason where it matters. */
  requiredAttachments: (form: DossierForm) => (typeof DOSSIER_UPLOAD_PURPOSES)[number][];
}

/**
 * The types' rules that both sides need (the form shows what to attach and when to expect an answer). Processing
 * times follow the published procedure times [U: Decision 896/QĐ-BHXH; 7 working days for a card is Art. 18 of the
 * Law on Health Insurance].
 */
export const DOSSIER_TYPE_SPECS: Readonly<Record<DossierType, DossierTypeSpec>> = {
  book_reissue: {
    processingWorkingDays: 10,
    requiredAttachments: (form) => ('reason' in form && form.reason === 'damaged' ? ['damaged_book'] : []),
  },
  card_reissue: {
    processingWorkingDays: 7,
    requiredAttachments: (form) => ('reason' in form && form.reason === 'damaged' ? ['damaged_card'] : []),
  },
  pension_place_change: { processingWorkingDays: 5, requiredAttachments: () => [] },
  receipt_method_change: { processingWorkingDays: 5, requiredAttachments: () => [] },
};

// ---- What the citizen sees ----

export const dossierEvent = z.object({
  at: z.string(),
  action: z.enum(DOSSIER_ACTIONS),
  status: dossierStatus,
  /** "You", or the officer's name (a person has the right to know who handled the dossier). */
  actor: z.string(),
  reasonCode: z.string().nullable(),
  note: z.string().nullable(),
});
export const dossierItem = z.object({
  id: z.number().int(),
  dossierNumber: z.string(),
  type: dossierType,
  status: dossierStatus,
  submittedAt: z.string(),
  /** The expected decision date: the last working day of the processing time (null once decided or withdrawn). */
  dueOn: z.string().nullable(),
  agencyName: z.string(),
});
export type DossierItem = z.infer<typeof dossierItem>;
export const dossierPage = pageOf(dossierItem);
export const dossierQuery = paginationQuery.extend({ status: dossierStatus.optional(), type: dossierType.optional() });
export const dossierDetail = dossierItem.extend({
  form: z.record(z.string(), z.unknown()),
  attachments: z.array(z.object({ id: z.string(), purpose: dossierUploadPurpose })),
  events: z.array(dossierEvent),
  decidedAt: z.string().nullable(),
  /** The PDF receipt of the decision (approved or rejected). */
  receiptUrl: z.string().nullable(),
  allowedActions: z.array(z.enum(['resubmit', 'withdraw'])),
});
export type DossierDetail = z.infer<typeof dossierDetail>;
export const resubmissionRequest = z.object({ note: note.min(1), attachments });
export const withdrawalRequest = z.object({ note: note.optional() });

/** A monthly benefit the citizen may move or change the receipt of, with how it is paid now. */
export const paymentArrangement = z.object({
  benefitPaymentId: z.number().int(),
  kind: z.string(),
  monthlyAmount: z.number().int().nullable(),
  agencyName: z.string(),
  provinceCode: z.string(),
  provinceName: z.string(),
  communeCode: z.string(),
  communeName: z.string(),
  street: z.string(),
  method: paymentMethod,
  bankName: z.string().nullable(),
  /** Only the last 4 digits. */
  maskedAccountNumber: z.string().nullable(),
  contactPhone: z.string().nullable(),
  fromMonth: z.string(),
});
export type PaymentArrangement = z.infer<typeof paymentArrangement>;
export const paymentArrangementList = z.object({ items: z.array(paymentArrangement) });
export const bankList = z.object({ items: z.array(z.object({ code: z.string(), name: z.string() })) });

// ---- The officer's side ----

export const officerDossierQuery = paginationQuery.extend({
  type: dossierType.optional(),
  status: dossierStatus.optional(),
  /** Only dossiers past their due date and not decided. */
  overdue: z.enum(['true', 'false']).optional(),
});
export const officerDossierItem = dossierItem.extend({
  fullName: z.string(),
  bhxhCode: z.string(),
  overdue: z.boolean(),
  receivedBy: z.string().nullable(),
  claimedBy: z.string().nullable(),
});
export type OfficerDossierItem = z.infer<typeof officerDossierItem>;
export const officerDossierPage = pageOf(officerDossierItem);
export const OFFICER_DOSSIER_ACTIONS = ['receive', 'claim', 'request_info', 'approve', 'reject'] as const;
export const officerDossierDetail = officerDossierItem.extend({
  form: z.record(z.string(), z.unknown()),
  /** What the records say: the current card, or the benefit and how it is paid now. */
  record: z.record(z.string(), z.unknown()).nullable(),
  attachments: z.array(z.object({ id: z.string(), purpose: dossierUploadPurpose, url: z.string() })),
  events: z.array(dossierEvent),
  allowedActions: z.array(z.enum(OFFICER_DOSSIER_ACTIONS)),
});
export type OfficerDossierDetail = z.infer<typeof officerDossierDetail>;
export const informationRequest = z.object({ reasonCode: z.enum(INFO_REQUEST_REASONS), note: note.min(1) });
export const dossierDecisionRequest = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('approve'), reasonCode: z.enum(APPROVAL_REASONS), note: note.optional() }),
  z.object({ outcome: z.literal('reject'), reasonCode: z.enum(REJECTION_REASONS_DOSSIER), note: note.optional() }),
]);
export type DossierDecisionRequest = z.infer<typeof dossierDecisionRequest>;

// ---- Receipts ----

/** What a receipt's QR proves, read back from its signature by anyone (no sign-in). */
export const receiptVerification = z.object({
  valid: z.boolean(),
  dossierNumber: z.string().nullable(),
  type: dossierType.nullable(),
  outcome: z.enum(['approved', 'rejected']).nullable(),
  decidedAt: z.string().nullable(),
  /** The holder's name, partly masked (Nguyễn V** A*). */
  holder: z.string().nullable(),
  agencyName: z.string().nullable(),
});
export type ReceiptVerification = z.infer<typeof receiptVerification>;
export const receiptVerifyQuery = z.object({ token: z.string().min(20).max(2000) });
