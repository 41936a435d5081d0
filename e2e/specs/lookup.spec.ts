// The walking skeleton's story in a real browser: a person opens the app on a phone, switches language, finds a
// hospital and the nearest BHXH office; staff areas have their sign-in screens. axe-core checks every screen.
import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, phoneContext, seriousAccessibilityViolations } from '../support/browser.ts';

const screenshots = new URL('../artifacts/', import.meta.url).pathname;

const LOOKUP_HEADING = { vi: 'Tra cứu', en: 'Look up' } as const;
const SEARCH_LABEL = { vi: 'Tên hoặc địa chỉ cơ sở', en: 'Facility name or address' } as const;

describe('the citizen app: look-ups', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    mkdirSync(screenshots, { recursive: true });
    browser = await launchBrowser();
    context = await phoneContext(browser);
    page = await context.newPage();
  });

  afterAll(async () => {
    await browser.close();
  });

  it('opens on the look-up tab in Vietnamese with no serious accessibility violations', async () => {
    await page.goto('/');
    await page.getByRole('heading', { level: 1, name: LOOKUP_HEADING.vi }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/lookup');
    expect(await page.locator('html').getAttribute('lang')).toBe('vi');
    const nav = page.getByRole('navigation', { name: 'Các mục chính' });
    for (const tab of ['Quản lý cá nhân', 'Dịch vụ công', 'Tra cứu', 'Hỗ trợ']) {
      await expect(nav.getByRole('link', { name: tab, exact: true }).isVisible()).resolves.toBe(true);
    }
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });

  it('finds "Bệnh viện Đa khoa…" from text typed without accents', async () => {
    await page.getByRole('searchbox', { name: SEARCH_LABEL.vi }).fill('benh vien da khoa');
    const results = page.getByRole('region', { name: 'Kết quả tìm cơ sở khám chữa bệnh' });
    // The search is debounced: wait until the list shows the new answer.
    await results.getByRole('heading', { level: 3, name: /Bệnh viện Đa khoa/i }).first().waitFor();
    await page.waitForFunction(() =>
      [...document.querySelectorAll('article h3')].every((h) => /bệnh viện đa khoa/i.test(h.textContent ?? '')),
    );
    const names = await results.getByRole('article').getByRole('heading', { level: 3 }).allTextContents();
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) expect(name.toLowerCase()).toContain('bệnh viện đa khoa');
    await expect(page.getByText(/Tìm thấy [\d.]+ cơ sở/).isVisible()).resolves.toBe(true);
    await page.screenshot({ path: `${screenshots}lookup-vi.png`, fullPage: false });
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });

  it('switches every string to the chosen language, and the search keeps working in each of the five', async () => {
    const headings = new Set<string>();
    for (const language of ['en', 'zh', 'ja', 'ko', 'vi'] as const) {
      await page.getByRole('combobox', { name: /Ngôn ngữ|Language|语言|言語|언어/ }).selectOption(language);
      await page.waitForFunction((lang) => document.documentElement.lang === lang, language);
      const heading = await page.getByRole('heading', { level: 1 }).textContent();
      headings.add(heading ?? '');
      const results = page.getByRole('region').filter({ has: page.getByRole('article') });
      await results.getByRole('article').first().waitFor();
      expect(await results.getByRole('article').count()).toBeGreaterThan(0);
      expect(await seriousAccessibilityViolations(page)).toEqual([]);
    }
    expect(headings.size).toBe(5);
    expect(headings).toContain(LOOKUP_HEADING.en);
  });

  it('lists the BHXH offices nearest to the device location with their distance', async () => {
    const located = await phoneContext(browser);
    await located.grantPermissions(['geolocation']);
    await located.setGeolocation({ latitude: 21.0285, longitude: 105.8542 });
    const officePage = await located.newPage();
    await officePage.goto('/lookup?section=agencies');
    await officePage.getByRole('button', { name: 'Dùng vị trí của tôi' }).click();
    const list = officePage.getByRole('region', { name: 'Danh sách cơ quan BHXH' });
    await list.getByRole('article').first().waitFor();
    const first = list.getByRole('article').first();
    expect(await first.getByRole('heading', { level: 3 }).textContent()).toContain('Hà Nội');
    expect(await first.textContent()).toMatch(/Cách [\d,]+ km/);
    await officePage.screenshot({ path: `${screenshots}offices-vi.png` });
    expect(await seriousAccessibilityViolations(officePage)).toEqual([]);
    await located.close();
  });

  it('gives officers, facility staff and administrators their own sign-in screens', async () => {
    const staffContext = await phoneContext(browser);
    const staffPage = await staffContext.newPage();
    for (const [path, title] of [
      ['/officer', 'Cổng cán bộ cơ quan BHXH'],
      ['/facility', 'Cổng cơ sở khám chữa bệnh'],
      ['/admin', 'Quản trị hệ thống'],
    ] as const) {
      await staffPage.goto(path);
      await staffPage.getByRole('heading', { name: title }).first().waitFor();
      await expect(staffPage.getByRole('navigation', { name: 'Các mục chính' }).count()).resolves.toBe(0);
      expect(await seriousAccessibilityViolations(staffPage)).toEqual([]);
    }
    await staffContext.close();
  });
});
