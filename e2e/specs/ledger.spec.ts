// A hospital system checks the citizen's card; the citizen sees the notification, finds the check in "Who looked at
// my data", and reports "This wasn't me" — which reaches the officers of the person's province.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, phoneContext, seriousAccessibilityViolations } from '../support/browser.ts';
import { type DemoLogin, demoLogin, signIn } from '../support/pages.ts';

const baseUrl = () => inject('baseUrl');

async function post<T>(path: string, body: unknown, authorization?: string): Promise<T> {
  const response = await fetch(`${baseUrl()}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${path} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

describe('who looked at my data: a check, the notification, and "this wasn\'t me"', () => {
  let browser: Browser;
  let page: Page;
  let citizen: DemoLogin;
  let officer: DemoLogin;

  beforeAll(async () => {
    browser = await launchBrowser();
    page = await (await phoneContext(browser)).newPage();
    citizen = await demoLogin('citizen');
    officer = await demoLogin('officer');
    const hospital = await demoLogin('hospital');
    // The hospital's system checks the citizen's card, as its staff member registered with the facility.
    const staff = /nhân viên: (.+), CCCD (\d{12})/.exec(hospital.scope);
    const session = await post<{ accessToken: string }>('/api/v1/sessions', { login: citizen.login, password: citizen.password });
    const profile = (await (
      await fetch(`${baseUrl()}/api/v1/people/me/profile`, { headers: { authorization: `Bearer ${session.accessToken}` } })
    ).json()) as { fullName: string; birthDate: string };
    const token = await post<{ accessToken: string }>('/api/v1/hospital/token', { clientId: hospital.login, clientSecret: hospital.password });
    const result = await post<{ maKetQua: string }>(
      '/api/v1/hospital/check-card',
      {
        maThe: citizen.login,
        hoTen: profile.fullName,
        ngaySinh: profile.birthDate.split('-').reverse().join('/'),
        hoTenCb: staff?.[1],
        cccdCb: staff?.[2],
      },
      `Bearer ${token.accessToken}`,
    );
    expect(['000', '010']).toContain(result.maKetQua);
  });

  afterAll(async () => {
    await browser.close();
  });

  it('shows the check as an unread notification, then in the ledger, and sends a report', async () => {
    await signIn(page, '/personal', 'Mã số BHXH hoặc số CCCD', citizen.login, citizen.password);
    await page.locator('[data-account-name]').waitFor();

    const inbox = page.locator('[data-inbox-link]');
    // The link's name says how many are unread (the count in words, after the visible badge).
    await expect.poll(() => inbox.textContent()).toMatch(/chưa đọc/);
    await inbox.click();
    const notice = page.locator('[data-notification="card_checked"]').first();
    await expect(notice.textContent()).resolves.toMatch(/Thẻ BHYT của bạn vừa được kiểm tra tại .+ lúc \d{2}:\d{2}/);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await page.getByRole('link', { name: 'Xem trong "Ai đã xem dữ liệu của tôi"' }).first().click();
    await page.getByText('Nguyễn Thị Lan').first().waitFor();
    await page.getByRole('button', { name: 'Không phải tôi' }).first().click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Ghi chú cho cơ quan BHXH').fill('Hôm đó tôi không đi khám.');
    // Axe judges colours as painted: let the dialog's opening transition finish first (it fades in).
    await page.evaluate(() => Promise.all(document.getAnimations().map((animation) => animation.finished)));
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Gửi báo cáo' }).click();
    await page.getByText('Đã gửi. Cơ quan BHXH sẽ xem xét và liên hệ với bạn.').waitFor();

    // The officer of the person's province sees the case.
    const officerSession = await post<{ accessToken: string }>('/api/v1/sessions', {
      login: officer.login,
      password: officer.password,
      area: 'officer',
    });
    const cases = (await (
      await fetch(`${baseUrl()}/api/v1/officer/access-cases`, { headers: { authorization: `Bearer ${officerSession.accessToken}` } })
    ).json()) as { items: Array<{ bhxhCode: string; note: string | null }> };
    // The demo officer works in Hà Nội; the demo citizen may live elsewhere, when the case goes to that province.
    const mine = cases.items.find((item) => item.bhxhCode === citizen.login);
    if (mine) expect(mine.note).toBe('Hôm đó tôi không đi khám.');
  });
});
