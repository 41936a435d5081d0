// The BHYT card on a phone: sign in, open the card, read the QR off the screen with a QR decoder and verify it with
// the shared verifier (as a facility desk would); then go offline and reload — the card and a verifiable QR are
// still there, said to be the phone's copy. A parent opens a registered child's card the same way.
import jsQRModule from 'jsqr';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { type JwkSet, keyResolverFromJwks, verifyCardPresentation } from '@vssid/shared';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, phoneContext, seriousAccessibilityViolations } from '../support/browser.ts';

const baseUrl = () => inject('baseUrl');
// jsqr is CommonJS: at run time its module object is the decoder itself; its type declarations say `default`.
const jsQR = jsQRModule as unknown as typeof jsQRModule.default;

interface DemoLogin {
  role: string;
  login: string;
  password: string;
}

async function json<T>(path: string, init?: RequestInit): Promise<T> {
  const response = await fetch(`${baseUrl()}${path}`, init);
  if (!response.ok) throw new Error(`${path} answered ${response.status}`);
  return (await response.json()) as T;
}

/** Reads the QR code off a screenshot of the image, as a scanner pointed at the phone would. */
async function scanQr(page: Page): Promise<string> {
  const image = page.getByRole('img', { name: /Mã QR thẻ BHYT/ });
  await image.waitFor();
  const png = PNG.sync.read(await image.screenshot());
  const decoded = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
  if (!decoded) throw new Error('no QR code could be read from the screen');
  return decoded.data;
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
    const logins = await json<{ items: DemoLogin[] }>('/api/v1/dev/demo-logins');
    const found = logins.items.find((login) => login.role === 'citizen');
    if (!found) throw new Error('the demo has no citizen login');
    citizen = found;
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
    await page.goto('/personal');
    await page.getByLabel('Mã số BHXH hoặc số CCCD').fill(citizen.login);
    await page.getByRole('textbox', { name: 'Mật khẩu', exact: true }).fill(citizen.password);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.locator('[data-account-name]').waitFor();

    await page.goto('/card');
    await page.getByRole('heading', { level: 2, name: 'THẺ BẢO HIỂM Y TẾ' }).waitFor();
    expect(await page.getByText(citizen.login, { exact: true }).count()).toBeGreaterThan(0);
    const qr = await scanQr(page);
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
      const qr = await scanQr(page);
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
    const result = await verify(await scanQr(page));
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
