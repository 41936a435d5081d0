// The BHYT card on a phone: sign in, open the card, read the QR off the screen with a QR decoder and verify it with
// the shared verifier (as a facility desk would); then go offline and reload — the card and a verifiable QR are
// still there, said to be the phone's copy. A parent opens a registered child's card the same way.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { type JwkSet, keyResolverFromJwks, verifyCardPresentation } from '@vssid/shared';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, phoneContext, seriousAccessibilityViolations } from '../support/browser.ts';
import { type DemoLogin, demoLogin, qrOnScreen, signIn } from '../support/pages.ts';

const baseUrl = () => inject('baseUrl');

async function json<T>(path: string, init?: RequestInit): Promise<T> {
  const response = await fetch(`${baseUrl()}${path}`, init);
  if (!response.ok) throw new Error(`${path} answered ${response.status}`);
  return (await response.json()) as T;
}

describe('the BHYT card, online and offline', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let citizen: DemoLogin;
  let jwks: JwkSet;

  beforeAll(async () => {
    browser = await launchBrowser();
    context = await phoneContext(browser);
    page = await context.newPage();
    citizen = await demoLogin('citizen');
    jwks = await json<JwkSet>('/.well-known/jwks.json');
  });

  afterAll(async () => {
    await browser.close();
  });

  const verify = async (qr: string, now = new Date()) => {
    // The desk's offline path: keys from a cached JWKS, no server involved.
    return verifyCardPresentation(qr, { resolveKey: keyResolverFromJwks(jwks), now });
  };

  it('shows the card and a QR that a reader decodes from the screen and the shared verifier accepts', async () => {
    await signIn(page, '/personal', 'Mã số BHXH hoặc số CCCD', citizen.login, citizen.password);
    await page.locator('[data-account-name]').waitFor();

    await page.goto('/card');
    await page.getByRole('heading', { level: 2, name: 'THẺ BẢO HIỂM Y TẾ' }).waitFor();
    expect(await page.getByText(citizen.login, { exact: true }).count()).toBeGreaterThan(0);
    const qr = await qrOnScreen(page);
    const result = await verify(qr);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.bhxhCode).toBe(citizen.login);
    // The same picture three minutes later is a replay: refused with its own reason.
    expect(await verify(qr, new Date(Date.now() + 3 * 60_000))).toMatchObject({ ok: false, reason: 'proof_expired' });
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });

  it('still opens with a valid QR after going offline and reloading', async () => {
    // The service worker must control the page before the network goes, as it would after any earlier visit.
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await context.setOffline(true);
    try {
      await page.reload();
      await page.getByRole('heading', { level: 2, name: 'THẺ BẢO HIỂM Y TẾ' }).waitFor();
      await page.getByText('Không có mạng: đây là thẻ đã lưu trên máy.', { exact: false }).waitFor();
      await expect(page.locator('[data-refreshed-at]').textContent()).resolves.toMatch(/Cập nhật lần cuối: \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/);
      const qr = await qrOnScreen(page);
      const result = await verify(qr);
      expect(result.ok).toBe(true);
    } finally {
      await context.setOffline(false);
    }
  });

  it("opens a registered child's card with its own QR", async () => {
    const session = await json<{ accessToken: string }>('/api/v1/sessions', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: citizen.login, password: citizen.password }),
    });
    const children = await json<{ items: Array<{ personId: number; bhxhCode: string }> }>('/api/v1/children', {
      headers: { authorization: `Bearer ${session.accessToken}` },
    });
    const withCards = [];
    for (const item of children.items) {
      const card = await json<{ card: { status: string } | null }>(`/api/v1/people/${item.personId}/card`, {
        headers: { authorization: `Bearer ${session.accessToken}` },
      });
      if (card.card?.status === 'active') withCards.push(item);
    }
    const child = withCards[0];
    if (!child) return; // the small e2e data set may give the demo parent no minor child with a card
    await page.goto(`/card/${child.personId}`);
    await page.getByRole('heading', { level: 1, name: 'Thẻ BHYT của con' }).waitFor();
    const result = await verify(await qrOnScreen(page));
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.bhxhCode).toBe(child.bhxhCode);
  });

  it('forgets the card on the phone at sign-out: offline, nothing of the person is shown', async () => {
    await page.goto('/personal');
    await page.locator('[data-account-name]').waitFor();
    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await page.getByLabel('Mã số BHXH hoặc số CCCD').waitFor();
    await context.setOffline(true);
    try {
      await page.goto('/card').catch(() => page.reload());
      await page.getByText('Đăng nhập một lần để tải thẻ về máy.', { exact: false }).waitFor();
      expect(await page.getByRole('img', { name: /Mã QR thẻ BHYT/ }).count()).toBe(0);
      expect(await page.getByText(citizen.login, { exact: true }).count()).toBe(0);
    } finally {
      await context.setOffline(false);
    }
  });
});
