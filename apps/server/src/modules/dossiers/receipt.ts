// The receipt of a decision: a PDF anyone can be shown, with a QR holding a JWS signed by the agency's current card
// key (EdDSA, the same keys as the card credential, published at /.well-known/jwks.json). Anyone can check it at
// GET /api/v1/receipts/verify, or offline against the JWKS. The token names the dossier and the outcome and only a
// masked name, so a photographed receipt gives away no more than the paper does.
import { createRequire } from 'node:module';
import { CompactSign, compactVerify } from 'jose';
import { type ReceiptVerification, vietnamDate } from '@vssid/shared';
import type { Language } from '@vssid/shared/i18n';
import { translate } from '../../platform/i18n.ts';
import { loadOnce } from '../../platform/load-once.ts';
import type { Services } from '../../platform/services.ts';
import { displayDate, typeOf } from './engine.ts';
import type { DossierRow } from './repo.ts';

const require = createRequire(import.meta.url);
const FONT = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
const FONT_BOLD = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf');

const RECEIPT_TYPE = 'vssid-dossier-receipt';

interface ReceiptClaims {
  typ: typeof RECEIPT_TYPE;
  /** dossier number */
  dn: string;
  /** dossier type */
  t: string;
  /** approved | rejected */
  o: 'approved' | 'rejected';
  /** decided at (ISO instant) */
  at: string;
  /** holder, masked */
  h: string;
  /** deciding agency */
  ag: string;
}

/** "Nguyễn Văn An" → "Nguyễn V** A*": the family name and the initials, enough to tell it is yours. */
export function maskName(fullName: string): string {
  const [family = '', ...rest] = fullName.trim().split(/\s+/);
  return [
    family,
    ...rest.map((part) => `${part.slice(0, 1)}${'*'.repeat(Math.max(1, part.length - 1))}`),
  ].join(' ');
}

function decisionOf(dossier: DossierRow): { outcome: 'approved' | 'rejected'; decidedAt: Date } | null {
  const outcome = dossier.status === 'approved' || dossier.status === 'rejected' ? dossier.status : null;
  if (!outcome || !dossier.decidedAt) return null;
  return { outcome, decidedAt: dossier.decidedAt };
}

export const hasReceipt = (dossier: DossierRow) => decisionOf(dossier) !== null;

export async function receiptToken(services: Services, dossier: DossierRow): Promise<string> {
  const decision = decisionOf(dossier);
  if (!decision) throw new Error('only a decided dossier has a receipt');
  const claims: ReceiptClaims = {
    typ: RECEIPT_TYPE,
    dn: dossier.dossierNumber,
    t: dossier.type,
    o: decision.outcome,
    at: decision.decidedAt.toISOString(),
    h: maskName(dossier.fullName),
    ag: dossier.agencyName,
  };
  const key = await services.cardKeys.signingKey();
  return new CompactSign(new TextEncoder().encode(JSON.stringify(claims)))
    .setProtectedHeader({ alg: 'EdDSA', kid: key.kid, typ: RECEIPT_TYPE })
    .sign(key.privateKey);
}

const INVALID: ReceiptVerification = {
  valid: false,
  dossierNumber: null,
  type: null,
  outcome: null,
  decidedAt: null,
  holder: null,
  agencyName: null,
};

/** Reads a receipt's QR back: valid only with a known key's signature over a receipt's claims. */
export async function verifyReceiptToken(services: Services, token: string): Promise<ReceiptVerification> {
  const resolve = await services.cardKeys.keyResolver();
  try {
    const { payload, protectedHeader } = await compactVerify(token, async (header) => {
      const key = header.kid ? await resolve(header.kid) : null;
      if (!key) throw new Error('unknown key');
      return key;
    });
    if (protectedHeader.typ !== RECEIPT_TYPE || protectedHeader.alg !== 'EdDSA') return INVALID;
    const claims = JSON.parse(new TextDecoder().decode(payload)) as Partial<ReceiptClaims>;
    if (
      claims.typ !== RECEIPT_TYPE ||
      !claims.dn ||
      !claims.t ||
      !claims.at ||
      (claims.o !== 'approved' && claims.o !== 'rejected')
    ) {
      return INVALID;
    }
    return {
      valid: true,
      dossierNumber: claims.dn,
      type: typeOf({ type: claims.t }),
      outcome: claims.o,
      decidedAt: claims.at,
      holder: claims.h ?? null,
      agencyName: claims.ag ?? null,
    };
  } catch {
    return INVALID;
  }
}

const vietnamTime = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Asia/Ho_Chi_Minh',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** pdfkit and qrcode are loaded by the first receipt, not at start (~28 MB resident on every node otherwise). */
const loadPdfModules = loadOnce(() => Promise.all([import('pdfkit'), import('qrcode')]));

/** The PDF, in the reader's language; the QR carries the signed token as a link to the public check. */
export async function receiptPdf(
  services: Services,
  dossier: DossierRow,
  language: Language,
  verifyBaseUrl: string,
): Promise<Buffer> {
  const [{ default: PDFDocument }, { default: QRCode }] = await loadPdfModules();
  const token = await receiptToken(services, dossier);
  const verifyUrl = `${verifyBaseUrl}?token=${token}`;
  const qr = await QRCode.toBuffer(verifyUrl, {
    type: 'png',
    errorCorrectionLevel: 'M',
    margin: 1,
    scale: 4,
  });
  const t = (key: string) => translate(language, `receipt.${key}`);
  const decision = decisionOf(dossier);
  if (!decision) throw new Error('only a decided dossier has a receipt');

  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    info: { Title: `${t('title')} ${dossier.dossierNumber}`, Author: dossier.agencyName },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('body', FONT);
  doc.registerFont('bold', FONT_BOLD);
  doc.font('bold').fontSize(11).text(dossier.agencyName.toUpperCase(), { align: 'left' });
  doc.moveDown(1.5);
  doc.font('bold').fontSize(16).text(t('title'), { align: 'center' });
  doc.moveDown(1.5);
  const rows: Array<[string, string]> = [
    [t('dossierNumber'), dossier.dossierNumber],
    [t('service'), t(`types.${dossier.type}`)],
    [t('holder'), dossier.fullName],
    [t('bhxhCode'), dossier.bhxhCode],
    [t('submittedAt'), displayDate(vietnamDate(dossier.submittedAt))],
    [t('outcome'), t(decision.outcome)],
    [t('reason'), dossier.reasonCode ? t(`reasons.${dossier.reasonCode}`) : '—'],
    [t('decidedAt'), vietnamTime.format(decision.decidedAt)],
    [t('agency'), dossier.agencyName],
  ];
  for (const [label, value] of rows) {
    doc.font('body').fontSize(11).fillColor('#444444').text(`${label}: `, { continued: true });
    doc.font('bold').fillColor('#000000').text(value);
    doc.moveDown(0.4);
  }
  doc.moveDown(1);
  doc.image(qr, { fit: [150, 150] });
  doc.moveDown(0.5);
  doc.font('body').fontSize(9).fillColor('#444444').text(t('verify'));
  doc.end();
  return done;
}
