// The look-ups in a real browser, before signing in: a person opens the app on a phone, switches language, finds a
// hospital (also by old district), the nearest BHXH office and collection point, an employer unit, and their BHXH
// code — refused without a key, found from a name typed without accents, and after a few look-ups only once the
// phone has done the automatic check, with its progress on screen. Staff areas have their sign-in screens.
// axe-core checks every screen.
import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { foldVietnamese } from '@vssid/shared';
import { launchBrowser, phoneContext, seriousAccessibilityViolations } from '../support/browser.ts';
import { api, chooseFromSelect, type DemoPerson } from '../support/pages.ts';

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

  it('finds facilities by a district that no longer exists', async () => {
    const districts = await api<{ items: Array<{ id: number; name: string }> }>('/api/v1/old-provinces/01/districts');
    let district: { id: number; name: string } | undefined;
    for (const candidate of districts.items) {
      const found = await api<{ total: number }>(`/api/v1/facilities?oldDistrict=${candidate.id}`);
      if (found.total > 0) {
        district = candidate;
        break;
      }
    }
    if (!district) throw new Error('no old district of Hà Nội with a facility in the demo data');
    await page.goto('/lookup');
    await page.locator('label', { hasText: 'Quận, huyện cũ' }).click();
    await chooseFromSelect(page, 'Tỉnh/thành phố cũ', 'Hà Nội (nay thuộc Thành phố Hà Nội)');
    await chooseFromSelect(page, 'Quận/huyện cũ', district.name);
    const results = page.getByRole('region', { name: 'Kết quả tìm cơ sở khám chữa bệnh' });
    await results.getByRole('article').first().waitFor();
    expect(await results.getByRole('article').count()).toBeGreaterThan(0);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });

  it('finds an employer unit by its tax code, with the representative to contact', async () => {
    const { items } = await api<{ items: Array<{ name: string; taxCode: string; representativeName: string }> }>(
      '/api/v1/employers?q=cong%20ty&pageSize=1',
    );
    const employer = items[0];
    if (!employer) throw new Error('no employer in the demo data');
    await page.goto('/lookup?section=employers');
    await page.getByRole('searchbox', { name: 'Tên đơn vị hoặc mã số thuế' }).fill(employer.taxCode);
    const results = page.getByRole('region', { name: 'Kết quả tìm đơn vị' });
    const card = results.getByRole('article', { name: employer.name });
    await card.waitFor();
    expect(await card.textContent()).toContain(`Người đại diện: ${employer.representativeName}`);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });

  it('lists collection points nearest to the device, as a list with distances (no map)', async () => {
    const located = await phoneContext(browser);
    await located.grantPermissions(['geolocation']);
    await located.setGeolocation({ latitude: 10.7769, longitude: 106.7009 });
    const pointsPage = await located.newPage();
    await pointsPage.goto('/lookup?section=collection-points');
    await pointsPage.getByRole('button', { name: 'Dùng vị trí của tôi' }).click();
    const list = pointsPage.getByRole('region', { name: 'Danh sách điểm thu, đại lý thu' });
    await list.getByRole('article').first().waitFor();
    expect(await list.getByRole('article').first().textContent()).toMatch(/Cách [\d,]+ km/);
    expect(await seriousAccessibilityViolations(pointsPage)).toEqual([]);
    await located.close();
  });

  describe('the BHXH code look-up', () => {
    let person: DemoPerson;
    let provinceName: string;
    const lookUpButton = () => page.getByRole('button', { name: 'Tra cứu', exact: true });
    const results = () => page.getByRole('region', { name: 'Kết quả tra cứu mã số BHXH' });

    beforeAll(async () => {
      const demo = await api<{ items: DemoPerson[] }>('/api/v1/dev/demo-people');
      const provinces = await api<{ items: Array<{ code: string; name: string }> }>('/api/v1/provinces');
      const first = demo.items[0];
      if (!first) throw new Error('no demo person');
      person = first;
      provinceName = provinces.items.find((p) => p.code === person.provinceCode)?.name ?? '';
    });

    it('refuses a name without a date of birth, year or ID number, in words', async () => {
      await page.goto('/lookup?section=code');
      await page.getByRole('heading', { level: 2, name: 'Tra cứu mã số BHXH' }).waitFor();
      expect(await seriousAccessibilityViolations(page)).toEqual([]);
      await chooseFromSelect(page, 'Tỉnh/thành phố nơi tham gia BHXH, BHYT', provinceName);
      await page.getByRole('textbox', { name: 'Họ và tên' }).fill(foldVietnamese(person.fullName));
      await lookUpButton().click();
      await results().getByText('Vui lòng nhập họ tên cùng đúng một trong ba thông tin: ngày sinh, năm sinh hoặc số CCCD/CMND.').waitFor();
      expect(await seriousAccessibilityViolations(page)).toEqual([]);
    });

    it('finds the person from a name typed without accents and a dd-mm-yyyy birth date, with the masked detail', async () => {
      const [year, month, day] = person.birthDate.split('-');
      await page.getByRole('textbox', { name: 'Ngày sinh (ngày-tháng-năm)' }).fill(`${day}-${month}-${year}`);
      await lookUpButton().click();
      const card = results().getByRole('article', { name: person.fullName });
      await card.waitFor();
      expect(await card.textContent()).toContain(person.bhxhCode);
      await card.getByRole('button', { name: 'Xem chi tiết' }).click();
      await card.getByText('Mã hộ gia đình:').waitFor();
      await page.screenshot({ path: `${screenshots}bhxh-code-vi.png` });
      expect(await seriousAccessibilityViolations(page)).toEqual([]);
    });

    it('after a few look-ups, does the automatic check with visible progress, then answers', async () => {
      await page.getByRole('radio', { name: 'Năm sinh' }).check();
      await page.getByRole('textbox', { name: 'Năm sinh' }).fill(person.birthDate.slice(0, 4));
      await lookUpButton().click();
      await results().getByRole('article', { name: person.fullName }).first().waitFor();

      // The third look-up from this address: the server asks for a proof of work, the phone solves it in a worker.
      await page.getByRole('radio', { name: 'Số CCCD hoặc CMND' }).check();
      await page.getByRole('textbox', { name: 'Số CCCD (12 số) hoặc CMND (9 số)' }).fill(person.personalId);
      await lookUpButton().click();
      // One locator for the bar and its text together: matched in one pass, so it cannot race the proof's end.
      await page
        .getByRole('status')
        .filter({ has: page.getByRole('progressbar', { name: 'Tiến độ xác minh tự động' }) })
        .filter({ hasText: /Đang xác minh tự động để chống tra cứu hàng loạt: \d+%/ })
        .waitFor();
      const card = results().getByRole('article', { name: person.fullName });
      await card.waitFor({ timeout: 45_000 });
      expect(await card.textContent()).toContain(person.bhxhCode);
      await expect(page.getByRole('progressbar').count()).resolves.toBe(0);
      expect(await seriousAccessibilityViolations(page)).toEqual([]);
    });
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
