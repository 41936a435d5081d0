// The accounts story, in the browser, as people live it: a person registers with photos on a phone and reads the
// OTP on the SMS page; an administrator creates an officer for the office that received the form; the officer
// (forced to change the one-time password first) approves it; the person reads the password SMS, must change it
// at first sign-in, signs in again, and later resets a forgotten password with an OTP.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, phoneContext, seriousAccessibilityViolations } from '../support/browser.ts';
import { FAKE_JPEG, pngImage } from '../support/images.ts';
import { api, chooseFromSelect, type DemoPerson, signIn } from '../support/pages.ts';

/** Reads the newest SMS to a phone on the development SMS page, as a tester would. */
async function smsOnDevPage(page: Page, phone: string, newerThan = ''): Promise<string> {
  for (let attempt = 0; attempt < 20; attempt++) {
    await page.goto(`/dev/sms?phone=${phone}`);
    const newest = (await page.locator('li .body').first().textContent()) ?? '';
    if (newest && newest !== newerThan) return newest;
    await page.waitForTimeout(300);
  }
  throw new Error(`no new SMS for ${phone}`);
}

const otpIn = (sms: string) => /\b(\d{6})\b/.exec(sms)?.[1] ?? '';
const passwordIn = (sms: string) => /Mat Khau: (\S+)/.exec(sms)?.[1]?.replace(/\.$/, '') ?? '';

/** The forced change at first sign-in: current (one-time) password, a new one, and the OTP from the SMS page. */
async function changePasswordWhenForced(page: Page, smsPage: Page, phone: string, current: string, next: string) {
  await page.getByRole('heading', { level: 1, name: 'Đổi mật khẩu để tiếp tục' }).waitFor();
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
  await page.getByRole('textbox', { name: 'Mật khẩu hiện tại', exact: true }).fill(current);
  await page.getByRole('textbox', { name: 'Mật khẩu mới', exact: true }).fill(next);
  await page.getByRole('textbox', { name: 'Nhập lại mật khẩu mới', exact: true }).fill(next);
  const before = await smsOnDevPage(smsPage, phone);
  await page.getByRole('button', { name: 'Gửi mã OTP' }).click();
  await page.getByLabel('Mã xác thực (OTP)').waitFor();
  await page.getByLabel('Mã xác thực (OTP)').fill(otpIn(await smsOnDevPage(smsPage, phone, before)));
  await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
}

describe('accounts: register, approve, first sign-in, forgot password', () => {
  let browser: Browser;
  let person: DemoPerson;
  let agencyCode: string;
  const mobile = `09${String(Date.now()).slice(-8)}`;
  let dossierNumber = '';
  /** The officer the administrator creates (test 2), who later approves the child's registration too. */
  const officerLogin = `canbo.e2e${String(Date.now()).slice(-5)}`;
  const officerPassword = 'Cantho#2026x';

  beforeAll(async () => {
    browser = await launchBrowser();
    [person] = (await api<{ items: DemoPerson[] }>('/api/v1/dev/demo-people')).items as [DemoPerson];
    // The wizard lists offices nearest first; the test picks the first, so the officer must work there.
    const offices = await api<{ items: Array<{ code: string }> }>(`/api/v1/agencies?commune=${person.communeCode}&limit=1`);
    agencyCode = offices.items[0]?.code ?? '';
  });

  afterAll(async () => {
    await browser.close();
  });

  it('registers with photos and the OTP read on the SMS page; a fake JPEG is refused', async () => {
    const context = await phoneContext(browser);
    const page = await context.newPage();
    const smsPage = await context.newPage();
    const provinces = await api<{ items: Array<{ code: string; name: string }> }>('/api/v1/provinces');
    const communes = await api<{ items: Array<{ code: string; name: string }> }>(`/api/v1/provinces/${person.provinceCode}/communes`);

    await page.goto('/register');
    await page.getByRole('heading', { level: 1, name: 'Đăng ký tài khoản' }).waitFor();
    await page.getByLabel('Họ và tên').fill(person.fullName);
    await page.getByLabel('Mã số BHXH').fill(person.bhxhCode);
    await page.getByLabel('Số CCCD/số định danh cá nhân').fill(person.personalId);
    const [year = '', month = '', day = ''] = person.birthDate.split('-');
    await page.getByRole('combobox', { name: 'Ngày' }).selectOption(String(Number(day)));
    await page.getByRole('combobox', { name: 'Tháng' }).selectOption(String(Number(month)));
    await page.getByRole('combobox', { name: 'Năm' }).selectOption(year);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Tiếp tục' }).click();

    await page.getByRole('heading', { level: 2, name: 'Ảnh chân dung và giấy tờ' }).waitFor();
    await page.setInputFiles('input[name="portrait"]', { name: 'chan-dung.jpg', mimeType: 'image/jpeg', buffer: FAKE_JPEG });
    await page.getByText(/Không đọc được tệp này|không phải ảnh/).first().waitFor();
    await page.setInputFiles('input[name="portrait"]', { name: 'chan-dung.png', mimeType: 'image/png', buffer: pngImage(300, 400, [200, 170, 150]) });
    await page.getByText('Đã tải ảnh lên').first().waitFor();
    await page.getByRole('button', { name: 'Tiếp tục' }).click();

    await page.getByRole('heading', { level: 2, name: 'Địa chỉ và số điện thoại' }).waitFor();
    await chooseFromSelect(page, 'Tỉnh/thành phố', provinces.items.find((p) => p.code === person.provinceCode)?.name ?? '');
    await chooseFromSelect(page, 'Xã/phường', communes.items.find((c) => c.code === person.communeCode)?.name ?? '');
    await page.getByLabel('Số nhà, đường, thôn/xóm').fill('Số 12, đường Lê Lợi');
    await page.getByLabel('Số điện thoại di động').fill(mobile);
    await page.getByRole('button', { name: 'Gửi mã OTP' }).click();
    await page.getByLabel('Mã xác thực (OTP)').waitFor();
    const otpSms = await smsOnDevPage(smsPage, mobile);
    expect(otpSms).toContain('Ma xac thuc co hieu luc trong vong 5 phut');
    await page.getByLabel('Mã xác thực (OTP)').fill(otpIn(otpSms));
    await page.getByRole('button', { name: 'Tiếp tục' }).click();

    await page.getByRole('heading', { level: 2, name: 'Cơ quan BHXH tiếp nhận' }).waitFor();
    await page.getByRole('radio').first().check();
    await page.getByRole('button', { name: 'Tiếp tục' }).click();
    await page.getByRole('heading', { level: 2, name: 'Kiểm tra và gửi tờ khai' }).waitFor();
    await page.getByRole('checkbox').check();
    await page.getByRole('button', { name: 'Gửi tờ khai' }).click();

    // The registry vouches for synthetic people with a 12-digit ID; should it not, the wizard asks for ID photos.
    const outcome = await Promise.race([
      page.getByRole('heading', { level: 1, name: 'Đã gửi tờ khai' }).waitFor().then(() => 'receipt'),
      page.getByRole('heading', { level: 2, name: 'Ảnh chân dung và giấy tờ' }).waitFor().then(() => 'photos'),
    ]);
    expect(outcome).toBe('receipt');
    dossierNumber = (await page.locator('[data-dossier-number]').textContent()) ?? '';
    expect(dossierNumber).toMatch(/^\d{5}\.GD\/\d{4}\/\d{3}$/);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    const receivedSms = await smsOnDevPage(smsPage, mobile, otpSms);
    expect(receivedSms).toContain(
      `BHXH Viet Nam da nhan to khai cua ma so ${person.bhxhCode} voi so ho so la ${dossierNumber}. Vui long den BHXH gan nhat de hoan tat thu tuc.`,
    );
    await context.close();
  });

  it('an admin creates an officer for that office; the officer changes the one-time password and approves', async () => {
    const context = await phoneContext(browser);
    const page = await context.newPage();
    const smsPage = await context.newPage();
    await signIn(page, '/admin', 'Tên đăng nhập', 'quantri', 'Demo@2026');
    await page.getByRole('heading', { level: 1, name: 'Tài khoản cán bộ' }).waitFor();
    const officerPhone = `08${String(Date.now()).slice(-8)}`;
    await page.getByRole('combobox', { name: 'Vai trò' }).first().selectOption('officer');
    await page.getByLabel('Tên đăng nhập').fill(officerLogin);
    await page.getByLabel('Họ và tên').fill('Trần Văn Cần');
    await page.getByLabel('Số điện thoại di động').fill(officerPhone);
    await page.getByLabel('Mã cơ quan BHXH').fill(agencyCode);
    await page.getByRole('button', { name: 'Tạo tài khoản' }).click();
    await page.getByText(`Đã tạo tài khoản ${officerLogin}`).waitFor();
    const oneTime = passwordIn(await smsOnDevPage(smsPage, officerPhone));
    expect(oneTime).not.toBe('');

    const officer = await (await phoneContext(browser)).newPage();
    await signIn(officer, '/officer', 'Tên đăng nhập', officerLogin, oneTime);
    await changePasswordWhenForced(officer, smsPage, officerPhone, oneTime, officerPassword);
    await officer.getByRole('heading', { level: 1, name: 'Tờ khai đăng ký giao dịch điện tử' }).waitFor();
    await officer.getByRole('link', { name: dossierNumber }).first().click();
    await officer.getByRole('heading', { level: 1, name: `Tờ khai ${dossierNumber}` }).waitFor();
    // The photos sit next to the BHXH record.
    await officer.locator('figure img[src^="blob:"]').first().waitFor();
    expect(await seriousAccessibilityViolations(officer)).toEqual([]);
    await officer.getByRole('button', { name: 'Duyệt tờ khai' }).click();
    await officer.getByRole('button', { name: 'Duyệt', exact: true }).click();
    await officer.getByText('Đã duyệt tờ khai.').waitFor();
    await context.close();
  });

  it('the person reads the password SMS, must change it at first sign-in, then signs in again', async () => {
    const context = await phoneContext(browser);
    const page = await context.newPage();
    const smsPage = await context.newPage();
    const credentials = await smsOnDevPage(smsPage, mobile);
    expect(credentials).toMatch(new RegExp(`^Hoan tat thu tuc thanh cong --- Tai Khoan: ${person.bhxhCode}- Mat Khau: `));
    const oneTime = passwordIn(credentials);

    await signIn(page, '/personal', 'Mã số BHXH hoặc số CCCD', person.bhxhCode, oneTime);
    await changePasswordWhenForced(page, smsPage, mobile, oneTime, 'Vssid@2026ok');
    await page.locator('[data-account-name]').waitFor();
    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await signIn(page, '/personal', 'Mã số BHXH hoặc số CCCD', person.bhxhCode, 'Vssid@2026ok');
    await page.locator('[data-account-name]').waitFor();
    // The access token lives in memory only; a reload comes back through the refresh cookie.
    await page.reload();
    await page.locator('[data-account-name]').waitFor();
    expect(await page.evaluate(() => JSON.stringify(localStorage))).not.toContain('eyJ');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await context.close();
  });

  it('a forgotten password is reset with an OTP to the registered phone', async () => {
    const context = await phoneContext(browser);
    const page = await context.newPage();
    const smsPage = await context.newPage();
    await page.goto('/personal');
    await page.getByRole('link', { name: 'Quên mật khẩu?' }).click();
    await page.getByRole('heading', { level: 1, name: 'Quên mật khẩu' }).waitFor();
    await page.getByLabel('Mã số BHXH hoặc số CCCD').fill(person.bhxhCode);
    const before = await smsOnDevPage(smsPage, mobile);
    await page.getByRole('button', { name: 'Gửi mã OTP' }).click();
    await page.getByLabel('Mã xác thực (OTP)').waitFor();
    const resetSms = await smsOnDevPage(smsPage, mobile, before);
    expect(resetSms).toContain('xin cap lai mat khau');
    await page.getByLabel('Mã xác thực (OTP)').fill(otpIn(resetSms));
    await page.getByRole('textbox', { name: 'Mật khẩu mới', exact: true }).fill('Reset#2026abc');
    await page.getByRole('textbox', { name: 'Nhập lại mật khẩu mới', exact: true }).fill('Reset#2026abc');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Đặt lại mật khẩu' }).click();
    await page.getByText('Đã đặt lại mật khẩu.').waitFor();
    await signIn(page, '/personal', 'Mã số BHXH hoặc số CCCD', person.bhxhCode, 'Reset#2026abc');
    await page.locator('[data-account-name]').waitFor();
    await context.close();
  });
  it('the parent registers a child with the birth certificate; the officer approves; the child is listed', async () => {
    // The demo people are listed parents of an unregistered minor first: this person is one.
    const childCode = person.minorChildBhxhCode;
    expect(childCode).toMatch(/^\d{10}$/);
    const context = await phoneContext(browser);
    const page = await context.newPage();
    await signIn(page, '/personal', 'Mã số BHXH hoặc số CCCD', person.bhxhCode, 'Reset#2026abc');
    await page.locator('[data-account-name]').waitFor();
    await page.goto('/personal/children');
    await page.getByRole('heading', { level: 1, name: 'Đăng ký cho con' }).waitFor();
    await page.getByText('Chưa có con nào được liên kết với tài khoản.').waitFor();
    await page.getByLabel('Mã số BHXH của con').fill(childCode ?? '');
    await page.setInputFiles('input[name="birth_certificate"]', {
      name: 'giay-khai-sinh.png',
      mimeType: 'image/png',
      buffer: pngImage(400, 300, [240, 235, 220]),
    });
    await page.getByText('Đã tải ảnh lên').first().waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Gửi đăng ký' }).click();
    const sent = await page.getByText(/^Đã gửi đăng ký cho con, số hồ sơ/).textContent();
    const childDossier = /số hồ sơ (\S+)\./.exec(sent ?? '')?.[1] ?? '';
    expect(childDossier).toMatch(/^\d{5}\.GD\/\d{4}\/\d{3}$/);

    // The office that approved the parent receives the child's form.
    const officer = await (await phoneContext(browser)).newPage();
    await signIn(officer, '/officer', 'Tên đăng nhập', officerLogin, officerPassword);
    await officer.getByRole('heading', { level: 1, name: 'Tờ khai đăng ký giao dịch điện tử' }).waitFor();
    await officer.getByRole('link', { name: childDossier }).first().click();
    await officer.getByRole('heading', { level: 1, name: `Tờ khai ${childDossier}` }).waitFor();
    await officer.getByRole('button', { name: 'Duyệt tờ khai' }).click();
    await officer.getByRole('button', { name: 'Duyệt', exact: true }).click();
    await officer.getByText('Đã duyệt tờ khai.').waitFor();

    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Đăng ký cho con' }).waitFor();
    await page.getByText(`Mã số BHXH: ${childCode ?? ''}`).waitFor();
    await context.close();
  });
});
