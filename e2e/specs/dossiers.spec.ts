// Public services (dịch vụ công), one story per service, as the citizen and two officers live it: the citizen files
// the dossier on a phone, the receiving officer (canbo.*) receives it, a second officer (xuly.*) takes it up and
// decides it — the one who received may not decide (maker ≠ checker) — and the citizen sees the result where it
// matters: the card's issue date, the pay place, the bank account. The book reissue goes through a request for more
// information and ends with the receipt PDF, whose QR opens the public receipt check. The child-account
// registration (the fifth service) is the last story of accounts.spec.ts (the newly registered parent registers a
// child; the officer approves; the child is listed).
//
// People: each type allows one open dossier per person and a card reissue replaces the card, so the card reissue is
// the pensioner's (the demo adult's card is read by the card and desk stories) and the book reissue the adult's.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resources } from '@vssid/shared/i18n';
import jsQRModule from 'jsqr';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, phoneContext, seriousAccessibilityViolations } from '../support/browser.ts';
import { pngImage } from '../support/images.ts';
import { api, chooseFromSelect, type DemoLogin, demoLogin, qrOnScreen, signIn } from '../support/pages.ts';

const text = resources.vi.web.dossiers;
const CITIZEN_LOGIN_LABEL = 'Mã số BHXH hoặc số CCCD';
const jsQR = jsQRModule as unknown as typeof jsQRModule.default;

/** Today in Việt Nam, as the server dates a decision. */
const vietnamToday = () =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());

async function expectNoSeriousViolations(page: Page) {
  const violations = await seriousAccessibilityViolations(page);
  expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
}

describe('public services: file, receive, process, decide, see the result', () => {
  let browser: Browser;
  let logins: DemoLogin[];
  let adult: DemoLogin;
  let pensioner: DemoLogin;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
    logins = (await api<{ items: DemoLogin[] }>('/api/v1/dev/demo-logins')).items;
    const citizens = logins.filter((login) => login.role === 'citizen');
    const found = citizens.find((login) => login.scope.includes('hưu trí'));
    const first = citizens.find((login) => !login.scope.includes('hưu trí'));
    if (!found || !first) throw new Error('the demo needs an adult citizen and a pensioner');
    pensioner = found;
    adult = first;
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser.close();
  });

  async function citizenPhone(login: DemoLogin): Promise<Page> {
    const context = await phoneContext(browser);
    contexts.push(context);
    const page = await context.newPage();
    await signIn(page, '/personal', CITIZEN_LOGIN_LABEL, login.login, login.password);
    await page.getByRole('link', { name: /Thông tin hưởng/ }).waitFor();
    return page;
  }

  /** The back office on a desk's screen, signed in as one officer. */
  async function officerDesk(login: DemoLogin): Promise<Page> {
    const context = await browser.newContext({
      baseURL: inject('baseUrl'),
      viewport: { width: 1280, height: 900 },
      locale: 'vi-VN',
      acceptDownloads: true,
    });
    contexts.push(context);
    const page = await context.newPage();
    await signIn(page, '/officer', 'Tên đăng nhập', login.login, login.password);
    await page.getByRole('link', { name: text.officer.nav }).click();
    await page.getByRole('heading', { level: 1, name: text.officer.queueTitle }).waitFor();
    return page;
  }

  /** canbo.* receives, xuly.* processes: the officers of the agency the dossier went to. */
  function officersOf(agencyName: string): { receiver: DemoLogin; processor: DemoLogin } {
    const ofAgency = logins.filter((login) => login.role === 'officer' && login.scope.includes(agencyName));
    const receiver = ofAgency.find((login) => login.login.startsWith('canbo.'));
    const processor = ofAgency.find((login) => login.login.startsWith('xuly.'));
    if (!receiver || !processor) throw new Error(`no demo officers for ${agencyName}`);
    return { receiver, processor };
  }

  /** From the services tab to a service's form (the entry's button names the service through its heading). */
  async function openService(page: Page, type: keyof typeof text.types) {
    await page.getByRole('link', { name: 'Dịch vụ công' }).click();
    await page.locator(`a[href="/services/apply/${type}"]`).click();
    await page.getByRole('heading', { level: 1, name: text.types[type] }).waitFor();
  }

  /** After "Nộp hồ sơ": the dossier's page with its number, status and agency. */
  async function filed(page: Page): Promise<{ number: string; agency: string }> {
    await page.getByText(/^Đã nộp hồ sơ /).waitFor();
    const number = await page.locator('[data-dossier-number]').getAttribute('data-dossier-number');
    const agency = await page.locator('[data-agency]').textContent();
    expect(await page.locator('[data-dossier-status]').getAttribute('data-dossier-status')).toBe('submitted');
    expect(await page.locator('[data-due-on]').count()).toBe(1);
    await expect(page.locator('[data-dossier-event="submit"]').textContent()).resolves.toContain('Bạn');
    if (!number || !agency) throw new Error('the dossier page shows no number or agency');
    return { number, agency };
  }

  async function openOfficerDossier(page: Page, number: string) {
    await page.getByRole('link', { name: number, exact: true }).click();
    await page
      .getByRole('heading', { level: 1, name: text.detail.title.replace('{{number}}', number) })
      .waitFor();
  }

  async function officerAction(
    page: Page,
    action: keyof typeof text.actions,
    reason?: string,
    note?: string,
  ) {
    await page.getByRole('button', { name: text.actions[action], exact: true }).click();
    if (reason !== undefined) {
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel(text.officer.reason).selectOption({ label: reason });
      if (note) await dialog.getByLabel(text.officer.note).fill(note);
      await dialog
        .getByRole('button', { name: text.officer.confirmAction.replace('{{action}}', text.actions[action]) })
        .click();
    }
    await page.getByText(text.officer.done.replace('{{action}}', text.actions[action])).waitFor();
  }

  /** The receiver receives; the receiver cannot take it up; the processor claims it (and then decides). */
  async function receiveAndClaim(number: string, agency: string): Promise<Page> {
    const { receiver, processor } = officersOf(agency);
    const canbo = await officerDesk(receiver);
    await openOfficerDossier(canbo, number);
    await officerAction(canbo, 'receive');
    // Maker ≠ checker: the officer who received it is not offered the claim.
    expect(await canbo.getByRole('button', { name: text.actions.claim, exact: true }).count()).toBe(0);
    await canbo.context().close();

    const xuly = await officerDesk(processor);
    const row = xuly.locator('tr', { has: xuly.getByRole('link', { name: number, exact: true }) });
    await expect(row.textContent()).resolves.toContain(text.statuses.received);
    await openOfficerDossier(xuly, number);
    await officerAction(xuly, 'claim');
    return xuly;
  }

  async function dossierStatus(page: Page, number: string, status: keyof typeof text.statuses) {
    await page.getByRole('link', { name: 'Dịch vụ công' }).click();
    await page.getByRole('link', { name: text.services.myDossiers }).click();
    await page.getByRole('link', { name: text.list.open.replace('{{number}}', number) }).click();
    await page.locator(`[data-dossier-status="${status}"]`).first().waitFor();
  }

  /** A payment service's form: the monthly pension among the benefits, once they have loaded. */
  async function choosePension(page: Page) {
    const options = page.getByLabel(text.form.benefit).locator('option');
    // The select appears once the benefits have loaded; a single benefit comes already chosen.
    await expect.poll(() => options.count(), { timeout: 15_000 }).toBeGreaterThan(0);
    const labels = await options.allTextContents();
    const pension = labels.find((label) => label.startsWith('Lương hưu')) ?? labels.at(-1) ?? '';
    await page.getByLabel(text.form.benefit).selectOption({ label: pension });
  }

  /** Received, taken up and approved, checked against the records. */
  async function approvedByTheAgency({ number, agency }: { number: string; agency: string }) {
    const xuly = await receiveAndClaim(number, agency);
    await officerAction(xuly, 'approve', text.reasons.verified_in_records);
  }

  /** The facility desk's online check of a QR (letan.01001, signed in through the API as the desk app does). */
  async function deskCheck(qr: string): Promise<string> {
    const desk = await demoLogin('facility');
    const session = await fetch(`${inject('baseUrl')}/api/v1/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: desk.login, password: desk.password, area: 'facility' }),
    });
    const { accessToken } = (await session.json()) as { accessToken: string };
    const check = await fetch(`${inject('baseUrl')}/api/v1/facility/checks`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
      body: JSON.stringify({ input: qr }),
    });
    return ((await check.json()) as { resultCode: string }).resultCode;
  }

  it('card reissue: the pensioner reports a damaged card with a photo; approved, the card is issued today', async () => {
    const phone = await citizenPhone(pensioner);
    // The phone holds a credential of the card before the reissue.
    await phone.goto('/card');
    expect(await deskCheck(await qrOnScreen(phone))).toBe('000');
    await openService(phone, 'card_reissue');
    expect(await phone.getByText('Thời gian giải quyết: 7 ngày làm việc').count()).toBeGreaterThan(0);
    await phone.getByLabel(text.form.reasons.damaged).check();
    // Damaged needs a photo of the card: without it the form says so.
    await phone.getByRole('button', { name: text.form.submit }).click();
    await phone.getByText(text.form.photoRequired).waitFor();
    await expectNoSeriousViolations(phone);
    await phone.setInputFiles('input[name="damaged_card"]', {
      name: 'the-hong.png',
      mimeType: 'image/png',
      buffer: pngImage(640, 400, [90, 140, 200]),
    });
    await phone.getByText('Đã tải ảnh lên').waitFor();
    await phone.getByRole('button', { name: text.form.submit }).click();
    const { number, agency } = await filed(phone);
    await expectNoSeriousViolations(phone);

    const xuly = await receiveAndClaim(number, agency);
    // The attachment is there for the officer, beside what the records say about the card in force.
    await xuly.getByRole('img', { name: new RegExp(text.purposes.damaged_card) }).waitFor();
    expect(await xuly.locator('[data-fact="cardCode"]').count()).toBeGreaterThan(0);
    await expectNoSeriousViolations(xuly);
    await officerAction(xuly, 'approve', text.reasons.complete);
    await xuly.locator('[data-dossier-status="approved"]').waitFor();

    await phone.reload();
    await phone.locator('[data-dossier-status="approved"]').waitFor();
    await phone
      .locator('[data-dossier-event="approve"]')
      .getByText(text.reasons.complete, { exact: false })
      .waitFor();
    await phone.getByRole('link', { name: text.detail.seeCard }).click();
    await expect
      .poll(() => phone.locator('[data-card-issued-on]').getAttribute('data-card-issued-on'), {
        timeout: 15_000,
      })
      .toBe(vietnamToday());
    // The app renewed its credential for the new card: the desk accepts its QR (the old one would answer 003).
    expect(await deskCheck(await qrOnScreen(phone))).toBe('000');

    // The inbox's dossier notices open the dossier.
    await phone.goto('/personal/notifications');
    await phone.getByRole('link', { name: text.detail.openFromNotice }).first().click();
    await phone.locator('[data-dossier-number]').getByText(number).waitFor();
  });

  it('book reissue: more information is asked and given, then approved; the receipt is a PDF its QR verifies', async () => {
    const phone = await citizenPhone(adult);
    await openService(phone, 'book_reissue');
    await phone.getByLabel(text.form.reasons.damaged).check();
    await phone.getByLabel(text.form.deliveries.at_agency).check();
    await phone.setInputFiles('input[name="damaged_book"]', {
      name: 'so-hong.png',
      mimeType: 'image/png',
      buffer: pngImage(500, 700, [200, 190, 150]),
    });
    await phone.getByText('Đã tải ảnh lên').waitFor();
    await phone.getByRole('button', { name: text.form.submit }).click();
    const { number, agency } = await filed(phone);

    const xuly = await receiveAndClaim(number, agency);
    await officerAction(
      xuly,
      'request_info',
      text.reasons.photo_unreadable,
      'Ảnh bị mờ, xin chụp lại trang bìa.',
    );

    // The citizen reads the reason, answers with a note and a new photo.
    await dossierStatus(phone, number, 'needs_info');
    await phone.getByRole('heading', { name: text.detail.needsInfoTitle }).waitFor();
    await phone.getByText(`Lý do: ${text.reasons.photo_unreadable}`).waitFor();
    await expectNoSeriousViolations(phone);
    await phone.getByLabel(text.detail.answerNote).fill('Tôi gửi lại ảnh trang bìa, chụp rõ hơn.');
    await phone.setInputFiles('input[name="supporting_document"]', {
      name: 'bia-so.png',
      mimeType: 'image/png',
      buffer: pngImage(500, 700, [180, 180, 160]),
    });
    await phone.getByText('Đã tải ảnh lên').waitFor();
    await phone.getByRole('button', { name: text.detail.answerSend }).click();
    await phone.locator('[data-dossier-status="resubmitted"]').first().waitFor();

    await xuly.reload();
    await xuly.locator('[data-dossier-status="resubmitted"]').waitFor();
    await officerAction(xuly, 'approve', text.reasons.verified_in_records);

    await phone.reload();
    await phone.locator('[data-dossier-status="approved"]').waitFor();
    const [download] = await Promise.all([
      phone.waitForEvent('download'),
      phone.getByRole('button', { name: text.detail.receipt }).click(),
    ]);
    const folder = mkdtempSync(join(tmpdir(), 'vssid-receipt-'));
    const pdfPath = join(folder, 'receipt.pdf');
    await download.saveAs(pdfPath);
    const pdf = readFileSync(pdfPath);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(download.suggestedFilename()).toMatch(/^bien-nhan-.*\.pdf$/);

    // The public check: a forged token is refused; the QR of the receipt (read off the PDF's image where poppler's
    // pdfimages is installed, as on the CI machine) opens a valid receipt, without signing in.
    const visitor = await (await phoneContext(browser)).newPage();
    contexts.push(visitor.context());
    await visitor.goto('/receipt?token=eyJhbGciOiJFZERTQSJ9.eyJmb3JnZWQiOnRydWV9.c2lnbmF0dXJlLWZvcmdlZA');
    await visitor.locator('[data-receipt="invalid"]').waitFor();
    if (existsSync('/usr/bin/pdfimages')) {
      execFileSync('/usr/bin/pdfimages', ['-png', pdfPath, join(folder, 'image')]);
      const images = readdirSync(folder).filter((name) => name.startsWith('image'));
      const link = images
        .map((name) => PNG.sync.read(readFileSync(join(folder, name))))
        .map((png) => jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data)
        .find((data) => data?.includes('/receipt?token='));
      expect(link).toBeDefined();
      const url = new URL(link ?? '');
      await visitor.goto(`${url.pathname}${url.search}`);
      await visitor.locator('[data-receipt="valid"]').waitFor();
      await visitor.getByText(number).waitFor();
      await expectNoSeriousViolations(visitor);
    }
  });

  it('withdrawal: the adult files a card reissue for a lost card, then withdraws it after a confirmation', async () => {
    const phone = await citizenPhone(adult);
    await openService(phone, 'card_reissue');
    await phone.getByLabel(text.form.reasons.lost).check();
    await phone.getByRole('button', { name: text.form.submit }).click();
    const { number } = await filed(phone);
    await phone.getByRole('button', { name: text.detail.withdraw }).click();
    const dialog = phone.getByRole('dialog', {
      name: text.detail.withdrawTitle.replace('{{number}}', number),
    });
    await dialog.getByLabel(text.detail.withdrawNote).fill('Tôi đã tìm thấy thẻ.');
    await expectNoSeriousViolations(phone);
    await dialog.getByRole('button', { name: text.detail.withdrawConfirm }).click();
    await phone.locator('[data-dossier-status="withdrawn"]').first().waitFor();
    await phone
      .locator('[data-dossier-event="withdraw"]')
      .getByText('Tôi đã tìm thấy thẻ.', { exact: false })
      .waitFor();
    // Nothing left to do on a withdrawn dossier, and no due date.
    expect(await phone.getByRole('button', { name: text.detail.withdraw }).count()).toBe(0);
    expect(await phone.locator('[data-due-on]').count()).toBe(0);
  });

  it('pension pay place change: the pensioner moves to another province; the benefits view shows the new agency from next month', async () => {
    const phone = await citizenPhone(pensioner);
    await openService(phone, 'pension_place_change');
    await choosePension(phone);
    await phone.locator('[data-current-arrangement]').waitFor();
    const before = await phone.locator('[data-current-arrangement]').textContent();
    // Another province than today's pay place.
    const province = before?.includes('Hà Nội') ? 'Thành phố Hồ Chí Minh' : 'Thành phố Hà Nội';
    await chooseFromSelect(phone, 'Tỉnh/thành phố', province);
    const commune = phone
      .getByRole('textbox', { name: 'Xã/phường' })
      .or(phone.getByRole('combobox', { name: 'Xã/phường' }))
      .first();
    await commune.click();
    await phone.getByRole('listbox').getByRole('option').first().click();
    await phone.getByLabel(text.form.street).fill('Số 12 đường Lê Lợi');
    await expectNoSeriousViolations(phone);
    await phone.getByRole('button', { name: text.form.submit }).click();
    await approvedByTheAgency(await filed(phone));

    await phone.goto('/personal/benefits');
    const nextMonth = (() => {
      const [year, month] = vietnamToday().split('-').map(Number);
      const next = new Date(Date.UTC(year ?? 2000, month ?? 1, 1));
      return `${next.toISOString().slice(0, 7)}-01`;
    })();
    const moved = phone.locator('[data-arrangement]', {
      has: phone.locator(`[data-pay-from="${nextMonth}"]`),
    });
    await moved.first().waitFor();
    await expect(moved.first().locator('[data-pay-place]').textContent()).resolves.toContain(
      'Số 12 đường Lê Lợi',
    );
    const shortProvince = province.replace('Thành phố ', '');
    await expect(moved.first().locator('[data-pay-agency]').textContent()).resolves.toContain(shortProvince);
    await expectNoSeriousViolations(phone);
  });

  it('change of method of receipt: from cash to the pensioner’s Vietcombank account, shown masked after approval', async () => {
    const account = /Vietcombank (\d+)/.exec(pensioner.scope)?.[1];
    if (!account) throw new Error('the demo pensioner has no bank account in the demo logins');
    const phone = await citizenPhone(pensioner);
    await openService(phone, 'receipt_method_change');
    await choosePension(phone);
    await phone.getByLabel(text.form.methods.bank_account).check();
    const bank = phone
      .getByRole('textbox', { name: text.form.bank })
      .or(phone.getByRole('combobox', { name: text.form.bank }))
      .first();
    await bank.click();
    await bank.fill('Vietcombank');
    await phone
      .getByRole('option', { name: /Vietcombank/ })
      .first()
      .click();
    await phone.getByLabel(text.form.accountNumber).fill(account);
    await phone.getByLabel(text.form.contactPhone).fill('0912345678');
    await expectNoSeriousViolations(phone);
    await phone.getByRole('button', { name: text.form.submit }).click();
    await approvedByTheAgency(await filed(phone));

    await phone.goto('/personal/benefits');
    const paid = phone.locator('[data-arrangement]', {
      has: phone.locator('[data-pay-method="bank_account"]'),
    });
    await paid.first().waitFor();
    const shown = await paid.first().locator('[data-pay-account]').textContent();
    expect(shown).toContain(account.slice(-4));
    expect(shown).not.toContain(account);
  });
});
