// The records story on a phone: the demo citizen signs in, opens each records page from the personal home and reads
// the same figures the API answers — totals checked against the rows they come from, money as 1.234.567 ₫, dates as
// dd/mm/yyyy, month counts in words. Then, as a parent, switches to a registered child: the child's records show,
// the choice survives a reload, and the child's ledger lists the parent's reads. axe-core checks every page.
import { resources } from '@vssid/shared/i18n';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, phoneContext, seriousAccessibilityViolations } from '../support/browser.ts';

const baseUrl = () => inject('baseUrl');

// ---- The API, as the test reads it ----

async function json<T>(path: string, token?: string, init: RequestInit = {}): Promise<T> {
  const response = await fetch(`${baseUrl()}${path}`, {
    ...init,
    headers: {
      'accept-language': 'vi',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(init.body ? { 'content-type': 'application/json' } : {}),
    },
  });
  if (!response.ok) throw new Error(`${path} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

interface Paged<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
}

/** Every item of a paginated list, 100 at a time. */
async function allItems<T>(path: string, token: string): Promise<T[]> {
  const items: T[] = [];
  for (let page = 1; ; page++) {
    const separator = path.includes('?') ? '&' : '?';
    const answer = await json<Paged<T>>(`${path}${separator}page=${page}&pageSize=100`, token);
    items.push(...answer.items);
    if (items.length >= answer.total || answer.items.length === 0) return items;
  }
}

interface MonthCount {
  months: number;
  years: number;
  remainderMonths: number;
}
interface SchemeTotals {
  scheme: 'bhxh' | 'bhyt' | 'bhtn' | 'bhtnld_bnn';
  paid: MonthCount;
  arrears: { months: number; amount: number };
}
interface Period {
  fromMonth: string;
  toMonth: string;
  months: number;
  salaryBase: number;
  monthlyAmount: number;
  status: 'paid' | 'arrears';
}
interface Benefit {
  kind: string;
  amount: number | null;
  monthlyAmount: number | null;
  decisionNumber: string;
  decidedOn: string;
}
interface MedicalYear {
  year: number;
  visits: number;
  totalCost: number;
  bhytPaid: number;
  patientPaid: number;
}
interface Visit {
  totalCost: number;
  bhytPaid: number;
  patientPaid: number;
  facility: { name: string };
}
interface MedicalHistory extends Paged<Visit> {
  years: MedicalYear[];
  year: number | null;
}
interface Profile {
  fullName: string;
  bhxhCode: string;
  birthDate: string;
  birthDatePrecision: 'day' | 'year';
}
interface AccessEvent {
  actorName: string;
  purpose: string;
  resource: string;
}
interface Child {
  personId: number;
  fullName: string;
  bhxhCode: string;
}

// ---- Vietnamese conventions, written out independently of the app ----

const vnd = (amount: number) => `${String(amount).replace(/\B(?=(\d{3})+(?!\d))/g, '.')} ₫`;
const ddmmyyyy = (date: string) => date.slice(0, 10).split('-').reverse().join('/');
const mmyyyy = (month: string) => `${month.slice(5, 7)}/${month.slice(0, 4)}`;
function monthsInWords(total: number): string {
  const years = Math.floor(total / 12);
  const months = total % 12;
  if (years === 0) return `${months} tháng`;
  return months === 0 ? `${years} năm` : `${years} năm ${months} tháng`;
}
/** Text as a reader sees it: no-break spaces are spaces, runs of white space are one. */
const seen = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim();
const sum = <T>(rows: T[], pick: (row: T) => number) => rows.reduce((total, row) => total + pick(row), 0);

// The catalog's own words for codes, so that a reworded label does not break the story.
const catalog = resources.vi.web.records;
const SCHEME_SHORT = (scheme: SchemeTotals['scheme']) => catalog.participation.schemes[scheme].short;
const BENEFIT_KINDS: Record<string, string> = catalog.benefits.kinds;
const PAGE_SIZE = 20;

async function expectAccessible(page: Page) {
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
}

/** From the personal home, open one records page by its entry and wait for its title. */
async function openFromHome(page: Page, entry: string, title = entry) {
  await page.goto('/personal');
  await page.locator('[data-account-name]').waitFor();
  await page
    .getByRole('navigation', { name: 'Hồ sơ và thẻ BHYT' })
    .getByRole('link', { name: entry })
    .click();
  await page.getByRole('heading', { level: 1, name: title }).waitFor();
}

describe('records: a citizen reads their records; a parent switches to a child', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let login = '';
  let displayName = '';
  let token = '';
  const me = '/api/v1/people/me';

  beforeAll(async () => {
    browser = await launchBrowser();
    const demo = await json<{ items: Array<{ role: string; login: string; password: string }> }>(
      '/api/v1/dev/demo-logins',
    );
    const citizen = demo.items.find((item) => item.role === 'citizen');
    if (!citizen) throw new Error('the demo data has no citizen login');
    login = citizen.login;
    const session = await json<{ accessToken: string; account: { displayName: string } }>(
      '/api/v1/sessions',
      undefined,
      {
        method: 'POST',
        body: JSON.stringify({ login, password: citizen.password }),
      },
    );
    token = session.accessToken;
    displayName = session.account.displayName;

    context = await phoneContext(browser);
    page = await context.newPage();
    await page.goto('/personal');
    await page.getByLabel('Mã số BHXH hoặc số CCCD').fill(login);
    await page.getByRole('textbox', { name: 'Mật khẩu', exact: true }).fill(citizen.password);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.locator('[data-account-name]').waitFor();
  });

  afterAll(async () => {
    await browser.close();
  });

  it('the personal home offers the card and every record, in large entries', async () => {
    const hub = page.getByRole('navigation', { name: 'Hồ sơ và thẻ BHYT' });
    const entries = [
      'Thẻ BHYT',
      'Quá trình tham gia',
      'Thông tin hưởng',
      'Sổ khám chữa bệnh',
      'Thông tin cá nhân',
      'Ai đã xem dữ liệu của tôi',
    ];
    for (const entry of entries) {
      const link = hub.getByRole('link', { name: entry });
      const box = await link.boundingBox();
      expect(box?.height ?? 0, entry).toBeGreaterThanOrEqual(48);
    }
    expect(await hub.getByRole('link', { name: 'Thẻ BHYT' }).getAttribute('href')).toBe('/card');
    await expectAccessible(page);
  });

  it('participation: totals per scheme match the rows, arrears are marked with months and amount per fund', async () => {
    const summary = await json<{ schemes: SchemeTotals[] }>(`${me}/participation`, token);
    await openFromHome(page, 'Quá trình tham gia');

    for (const totals of summary.schemes) {
      const rows = await allItems<Period>(`${me}/participation/periods?scheme=${totals.scheme}`, token);
      // The totals come from the rows: paid months, and the months and money the employer still owes.
      expect(totals.paid.months, totals.scheme).toBe(
        sum(
          rows.filter((r) => r.status === 'paid'),
          (r) => r.months,
        ),
      );
      expect(totals.arrears.months, totals.scheme).toBe(
        sum(
          rows.filter((r) => r.status === 'arrears'),
          (r) => r.months,
        ),
      );
      expect(totals.paid.years * 12 + totals.paid.remainderMonths).toBe(totals.paid.months);

      const card = page.locator(`[data-scheme="${totals.scheme}"]`);
      expect(seen(await card.locator('[data-paid-total]').textContent())).toBe(
        monthsInWords(totals.paid.months),
      );
      expect(await card.getByText('Nợ đóng', { exact: true }).count()).toBe(
        totals.arrears.months > 0 ? 1 : 0,
      );
      const fund = page.locator(`[data-arrears-fund="${totals.scheme}"]`);
      if (totals.arrears.months > 0) {
        expect(seen(await fund.textContent())).toBe(
          `${SCHEME_SHORT(totals.scheme)}: nợ ${monthsInWords(totals.arrears.months)}, số tiền ${vnd(totals.arrears.amount)}`,
        );
      } else {
        expect(await fund.count()).toBe(0);
      }
    }

    // The chosen scheme (BHXH first): its total in words, then its periods as cards, newest first.
    const bhxh = summary.schemes.find((s) => s.scheme === 'bhxh');
    expect(seen(await page.locator('[data-scheme-paid]').textContent())).toBe(
      monthsInWords(bhxh?.paid.months ?? 0),
    );
    const first = await json<Paged<Period>>(
      `${me}/participation/periods?scheme=bhxh&pageSize=${PAGE_SIZE}`,
      token,
    );
    const periods = page.getByRole('region', { name: 'Các giai đoạn tham gia BHXH' }).getByRole('article');
    if (first.total === 0) {
      await page.getByText('Chưa có quá trình tham gia BHXH.').waitFor();
    } else {
      await periods.first().waitFor();
      expect(await periods.count()).toBe(Math.min(first.total, PAGE_SIZE));
      const newest = first.items[0];
      if (!newest) throw new Error('no period');
      const card = seen(await periods.first().textContent());
      expect(card).toContain(`${mmyyyy(newest.fromMonth)} – ${mmyyyy(newest.toMonth)}`);
      expect(card).toContain(vnd(newest.salaryBase));
      expect(card).toContain(vnd(newest.monthlyAmount));
      if (newest.status === 'arrears') expect(card).toContain('Nợ đóng');
      if (first.total > PAGE_SIZE) {
        await page.getByRole('button', { name: 'Xem thêm' }).click();
        await expect.poll(() => periods.count()).toBe(Math.min(first.total, 2 * PAGE_SIZE));
      }
    }
    await expectAccessible(page);

    // Another scheme: its own total and its own periods.
    await page.locator('[data-scheme="bhtn"]').click();
    await page.getByRole('heading', { level: 2, name: 'Các giai đoạn tham gia BHTN' }).waitFor();
    const bhtn = summary.schemes.find((s) => s.scheme === 'bhtn');
    expect(seen(await page.locator('[data-scheme-paid]').textContent())).toBe(
      monthsInWords(bhtn?.paid.months ?? 0),
    );
  });

  it('benefits: each decision with its amount, number and date; the kind filter narrows the list', async () => {
    const benefits = await json<Paged<Benefit>>(`${me}/benefits?pageSize=${PAGE_SIZE}`, token);
    await openFromHome(page, 'Thông tin hưởng');
    const cards = page.getByRole('list', { name: 'Thông tin hưởng' }).getByRole('article');
    if (benefits.total === 0) {
      await page.getByText('Chưa có chế độ nào được giải quyết.').waitFor();
    } else {
      await cards.first().waitFor();
      expect(await cards.count()).toBe(Math.min(benefits.total, PAGE_SIZE));
      for (const [index, benefit] of benefits.items.slice(0, 5).entries()) {
        const text = seen(await cards.nth(index).textContent());
        expect(text).toContain(BENEFIT_KINDS[benefit.kind]);
        expect(text).toContain(`Số ${benefit.decisionNumber} ngày ${ddmmyyyy(benefit.decidedOn)}`);
        if (benefit.amount !== null) expect(text).toContain(vnd(benefit.amount));
        if (benefit.monthlyAmount !== null) expect(text).toContain(vnd(benefit.monthlyAmount));
      }
    }
    await expectAccessible(page);

    // Filter by a kind the person has (or, with none, by pension): only that kind remains.
    const kind = benefits.items[0]?.kind ?? 'pension';
    const ofKind = await json<Paged<Benefit>>(`${me}/benefits?kind=${kind}&pageSize=${PAGE_SIZE}`, token);
    await page.getByLabel('Loại chế độ').selectOption(kind);
    if (ofKind.total === 0) {
      await page.getByText(`Chưa có chế độ “${BENEFIT_KINDS[kind]}” nào được giải quyết.`).waitFor();
    } else {
      await expect.poll(() => cards.count()).toBe(Math.min(ofKind.total, PAGE_SIZE));
      const titles = await cards.getByRole('heading', { level: 2 }).allTextContents();
      expect(new Set(titles)).toEqual(new Set([BENEFIT_KINDS[kind]]));
    }
  });

  it('medical history: the newest year first, its totals equal the sum of its visits, another year on request', async () => {
    const history = await json<MedicalHistory>(`${me}/medical-visits?pageSize=${PAGE_SIZE}`, token);
    await openFromHome(page, 'Sổ khám chữa bệnh');
    if (history.years.length === 0) {
      await page.getByText('Chưa có lần khám chữa bệnh BHYT nào.').waitFor();
      await expectAccessible(page);
      return;
    }
    const checkYear = async (year: MedicalYear) => {
      const visits = await allItems<Visit>(`${me}/medical-visits?year=${year.year}`, token);
      expect(visits.length).toBe(year.visits);
      expect(sum(visits, (v) => v.totalCost)).toBe(year.totalCost);
      expect(sum(visits, (v) => v.bhytPaid)).toBe(year.bhytPaid);
      expect(sum(visits, (v) => v.patientPaid)).toBe(year.patientPaid);

      await page.getByRole('heading', { level: 2, name: `Tổng cộng năm ${year.year}` }).waitFor();
      expect(await page.getByLabel('Năm', { exact: true }).inputValue()).toBe(String(year.year));
      expect(seen(await page.locator('[data-total="visits"]').textContent())).toBe(String(year.visits));
      expect(seen(await page.locator('[data-total="totalCost"]').textContent())).toBe(vnd(year.totalCost));
      expect(seen(await page.locator('[data-total="bhytPaid"]').textContent())).toBe(vnd(year.bhytPaid));
      expect(seen(await page.locator('[data-total="patientPaid"]').textContent())).toBe(
        vnd(year.patientPaid),
      );
      const cards = page.getByRole('region', { name: `Các lần khám năm ${year.year}` }).getByRole('article');
      await expect.poll(() => cards.count()).toBe(Math.min(year.visits, PAGE_SIZE));
      const newest = visits[0];
      if (newest) {
        const text = seen(await cards.first().textContent());
        expect(text).toContain(newest.facility.name);
        expect(text).toContain(vnd(newest.totalCost));
      }
    };
    const [newest, older] = history.years;
    expect(history.year).toBe(newest?.year);
    if (newest) await checkYear(newest);
    await expectAccessible(page);
    if (older) {
      await page.getByLabel('Năm', { exact: true }).selectOption(String(older.year));
      await checkYear(older);
    }
  });

  it('profile: name, codes and birth date as the record holds them', async () => {
    const profile = await json<Profile>(`${me}/profile`, token);
    await openFromHome(page, 'Thông tin cá nhân');
    expect(seen(await page.locator('[data-profile="fullName"]').textContent())).toBe(profile.fullName);
    expect(seen(await page.locator('[data-profile="bhxhCode"]').textContent())).toBe(profile.bhxhCode);
    expect(seen(await page.locator('[data-profile="birthDate"]').textContent())).toBe(
      profile.birthDatePrecision === 'year' ? profile.birthDate.slice(0, 4) : ddmmyyyy(profile.birthDate),
    );
    await expectAccessible(page);
  });

  it('who looked at my data: the ledger, or a plain "no one else" when it is empty', async () => {
    const events = await json<Paged<AccessEvent>>(`${me}/access-events`, token);
    await openFromHome(page, 'Ai đã xem dữ liệu của tôi');
    if (events.total === 0) {
      await page.getByText('Chưa có ai khác xem dữ liệu của bạn.').waitFor();
    } else {
      const cards = page.getByRole('list', { name: 'Ai đã xem dữ liệu của tôi' }).getByRole('article');
      await expect.poll(() => cards.count()).toBe(Math.min(events.total, PAGE_SIZE));
      expect(seen(await cards.first().textContent())).toContain(events.items[0]?.actorName ?? '');
    }
    await expectAccessible(page);
  });

  it('a parent switches to a child: the child’s records, kept across a reload, and the reads in the child’s ledger', async ({
    skip,
  }) => {
    const { items: children } = await json<{ items: Child[] }>('/api/v1/children', token);
    const child = children[0];
    // The demo data links the demo citizen's minor children; a data set without any has nothing to switch to.
    if (!child) {
      skip('the demo citizen has no registered child');
      return;
    }
    await page.goto('/personal');
    const switcher = page.getByRole('radiogroup', { name: 'Xem hồ sơ của' });
    await switcher.getByRole('radio', { name: new RegExp(child.fullName) }).click();
    await page.getByText(`Bạn đang xem hồ sơ của con: ${child.fullName}`).waitFor();
    expect(
      await page
        .getByRole('navigation', { name: 'Hồ sơ và thẻ BHYT' })
        .getByRole('link', { name: 'Thẻ BHYT' })
        .getAttribute('href'),
    ).toBe(`/card/${child.personId}`);
    await expectAccessible(page);

    await openFromHome(page, 'Thông tin cá nhân');
    expect(seen(await page.locator('[data-profile="bhxhCode"]').textContent())).toBe(child.bhxhCode);
    // The choice lasts for the session: a reload still shows the child.
    await page.reload();
    await page.locator('[data-profile="bhxhCode"]').waitFor();
    expect(seen(await page.locator('[data-profile="bhxhCode"]').textContent())).toBe(child.bhxhCode);
    expect(
      await switcher.getByRole('radio', { name: new RegExp(child.fullName) }).getAttribute('aria-checked'),
    ).toBe('true');

    const childHistory = await json<MedicalHistory>(`/api/v1/people/${child.personId}/medical-visits`, token);
    await openFromHome(page, 'Sổ khám chữa bệnh');
    const childYear = childHistory.years[0];
    if (childYear) {
      expect(seen(await page.locator('[data-total="totalCost"]').textContent())).toBe(
        vnd(childYear.totalCost),
      );
    } else {
      await page.getByText('Chưa có lần khám chữa bệnh BHYT nào.').waitFor();
    }

    // Every read by the parent is in the child's ledger, named and explained.
    const ledger = await json<Paged<AccessEvent>>(`/api/v1/people/${child.personId}/access-events`, token);
    expect(ledger.items.some((e) => e.actorName === displayName && e.resource === 'profile')).toBe(true);
    await openFromHome(page, 'Ai đã xem dữ liệu của con');
    const entries = page.getByRole('list', { name: 'Ai đã xem dữ liệu của con' }).getByRole('article');
    await expect.poll(() => entries.count()).toBe(Math.min(ledger.total, PAGE_SIZE));
    const newest = seen(await entries.first().textContent());
    expect(newest).toContain(displayName);
    expect(newest).toContain('Cha mẹ xem hồ sơ của con');
    await expectAccessible(page);

    // Back to one's own records.
    await page.goto('/personal');
    await switcher.getByRole('radio', { name: `Tôi (${displayName})` }).click();
    await openFromHome(page, 'Thông tin cá nhân');
    expect(seen(await page.locator('[data-profile="bhxhCode"]').textContent())).toBe(login);
  });
});
