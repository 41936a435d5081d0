// The facility desk, as a reception desk and a patient live it: the citizen's phone shows the card's QR; the desk
// reads it off the phone's screen (a screenshot decoded with jsqr, typed into the desk's input followed by Enter, as a
// USB QR reader does), sees "000 valid", opens a visit and later closes it with the fund's share. The citizen then
// finds the check in "Who looked at my data" and has the "card checked" notification. With the desk's network down
// the same QR is verified in the browser with the kept keys and queued; back online the queue is sent. A screenshot
// replayed three minutes later is refused with 140. axe-core checks the desk page.
import { resources } from '@vssid/shared/i18n';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, phoneContext, seriousAccessibilityViolations } from '../support/browser.ts';
import { type DemoLogin, qrOnScreen, signIn } from '../support/pages.ts';

const baseUrl = () => inject('baseUrl');
const desk = resources.vi.web.desk;
const checkMeaning = resources.vi.errors.checkResults;

interface AccessEvent {
  id: number;
  actorName: string;
  organisation: string | null;
  purpose: string;
  resource: string;
  result: string;
}

interface Notification {
  kind: string;
  text: string;
  accessEventId: number | null;
}

async function json<T>(path: string, init: { token?: string; body?: unknown } = {}): Promise<T> {
  const response = await fetch(`${baseUrl()}${path}`, {
    method: init.body === undefined ? 'GET' : 'POST',
    headers: {
      'accept-language': 'vi',
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
      ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  if (!response.ok) throw new Error(`${path} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

describe('the facility desk checks the card on the citizen’s phone, online and offline', () => {
  let browser: Browser;
  let phone: Page;
  let deskContext: BrowserContext;
  let deskPage: Page;
  let citizen: DemoLogin;
  let deskLogin: DemoLogin;
  let citizenToken: string;

  /** What a USB QR reader does: type the payload into the focused input and press Enter. */
  const scanIntoDesk = async (text: string) => {
    const input = deskPage.getByRole('textbox', { name: desk.form.input });
    await input.fill(text);
    await input.press('Enter');
  };
  const banner = () => deskPage.locator('[data-check-result] [data-result-code]');
  const checkEvents = async () =>
    (
      await json<{ items: AccessEvent[]; total: number }>('/api/v1/people/me/access-events?pageSize=100', {
        token: citizenToken,
      })
    ).items.filter((event) => event.resource === 'check');

  beforeAll(async () => {
    browser = await launchBrowser();
    const logins = await json<{ items: DemoLogin[] }>('/api/v1/dev/demo-logins');
    const find = (role: string) => {
      const found = logins.items.find((login) => login.role === role);
      if (!found) throw new Error(`the demo has no ${role} login`);
      return found;
    };
    citizen = find('citizen');
    deskLogin = find('facility');
    citizenToken = (
      await json<{ accessToken: string }>('/api/v1/sessions', {
        body: { login: citizen.login, password: citizen.password },
      })
    ).accessToken;

    // The citizen's phone: signed in, the card open with its live QR.
    phone = await (await phoneContext(browser)).newPage();
    await signIn(phone, '/personal', 'Mã số BHXH hoặc số CCCD', citizen.login, citizen.password);
    await phone.locator('[data-account-name]').waitFor();
    await phone.goto('/card');
    await phone.getByRole('img', { name: /Mã QR thẻ BHYT/ }).waitFor();

    // The desk: a reception computer, signed in at /facility.
    deskContext = await browser.newContext({
      baseURL: baseUrl(),
      viewport: { width: 1280, height: 900 },
      locale: 'vi-VN',
    });
    deskPage = await deskContext.newPage();
    await signIn(deskPage, '/facility', 'Tên đăng nhập', deskLogin.login, deskLogin.password);
    await deskPage.getByRole('heading', { level: 1, name: desk.title }).waitFor();
  });

  afterAll(async () => {
    await browser.close();
  });

  it('reads the QR off the phone, answers 000 valid with the card facts, and opens a visit', async () => {
    const before = (await checkEvents()).length;
    await scanIntoDesk(await qrOnScreen(phone));

    await expect.poll(() => banner().getAttribute('data-result-code')).toBe('000');
    const verdict = await banner().textContent();
    expect(verdict).toContain(desk.result.valid);
    expect(verdict).toContain(checkMeaning['000']);
    const profile = await json<{ fullName: string }>('/api/v1/people/me/profile', { token: citizenToken });
    const facts = deskPage.getByRole('region', { name: desk.result.factsTitle });
    expect(await facts.textContent()).toContain(profile.fullName);
    // The input is empty and focused again, ready for the next patient's scan.
    await expect
      .poll(() =>
        deskPage
          .getByRole('textbox', { name: desk.form.input })
          .evaluate((el) => el === document.activeElement),
      )
      .toBe(true);

    await deskPage.getByRole('button', { name: desk.visit.open.outpatient }).click();
    const opened = deskPage.locator('[data-visit-opened]');
    await opened.waitFor();
    const visitId = await opened.getAttribute('data-visit-opened');
    const visitCard = deskPage.locator(`[data-visit-id="${visitId}"]`);
    await visitCard.waitFor();
    expect(await visitCard.textContent()).toContain(profile.fullName);
    expect(await seriousAccessibilityViolations(deskPage)).toEqual([]);

    // The check is in the citizen's ledger (append-only: exactly one more entry).
    const events = await checkEvents();
    expect(events.length).toBe(before + 1);
    expect(events[0]).toMatchObject({ purpose: 'card_check', result: '000' });

    // Closing the visit: the server's own words for a missing field, then the fund's share of the cost.
    await visitCard.getByRole('button', { name: desk.visits.close }).click();
    await visitCard.getByRole('button', { name: desk.visits.submitClose }).click();
    await expect.poll(() => visitCard.locator('[aria-invalid="true"]').count()).toBeGreaterThan(0);
    await visitCard.getByLabel(desk.visits.icd10Code).fill('J06.9');
    await visitCard.getByLabel(desk.visits.icd10Name).fill('Viêm đường hô hấp trên cấp');
    await visitCard.getByLabel(desk.visits.totalCost).fill('1250000');
    await visitCard.getByRole('button', { name: desk.visits.submitClose }).click();
    const closed = deskPage.locator(`[data-closed-visit="${visitId}"]`);
    await closed.waitFor();
    const amounts = [...((await closed.textContent()) ?? '').matchAll(/([\d.]+)\u00a0₫/g)].map((m) =>
      Number(m[1]?.replace(/\./g, '')),
    );
    expect(amounts[0]).toBe(1_250_000);
    expect((amounts[1] ?? 0) + (amounts[2] ?? 0)).toBe(1_250_000);
    expect(amounts[1]).toBeGreaterThan(0);
    await expect.poll(() => visitCard.count()).toBe(0);
  });

  it('shows the citizen the check under "Who looked at my data", with the "card checked" notification', async () => {
    const [event] = await checkEvents();
    if (!event) throw new Error('no check in the ledger');
    await phone.goto('/personal/access');
    const ledger = phone.getByRole('list', { name: resources.vi.web.records.access.title });
    const newest = ledger.getByRole('article').first();
    await newest.waitFor();
    const shown = (await newest.textContent()) ?? '';
    expect(shown).toContain(event.actorName);
    expect(shown).toContain(event.organisation ?? '');
    expect(shown).toContain(resources.vi.web.records.access.purposes.card_check);

    const inbox = await json<{ items: Notification[] }>('/api/v1/me/notifications', { token: citizenToken });
    const notice = inbox.items.find((item) => item.accessEventId === event.id);
    expect(notice?.kind).toBe('card_checked');
    expect(notice?.text).toContain(event.organisation ?? '');
    await phone.goto('/card');
  });

  it('verifies the QR offline with the kept keys, queues the check, and sends it when the network returns', async () => {
    // The keys were saved when the desk page opened online.
    await deskPage.locator('[data-keys-ready="true"]').waitFor();
    const before = (await checkEvents()).length;
    await deskContext.setOffline(true);
    await deskPage.locator('[data-online="false"]').waitFor();

    await scanIntoDesk(await qrOnScreen(phone));
    await deskPage.locator('[data-check-result] [data-result-code="000"][data-offline]').waitFor();
    expect(await banner().textContent()).toContain(desk.result.offlineBadge);
    await deskPage.getByText(desk.result.offline).waitFor();
    await deskPage.locator('[data-pending-count="1"]').waitFor();
    expect(await seriousAccessibilityViolations(deskPage)).toEqual([]);
    // Nothing reached the server while offline.
    expect((await checkEvents()).length).toBe(before);

    await deskContext.setOffline(false);
    await deskPage.locator('[data-pending-count="0"]').waitFor();
    // The server's answer replaces the offline one: recorded, valid, and marked as an offline scan.
    await deskPage.locator('[data-check-result] [data-result-code="000"]:not([data-offline])').waitFor();
    await deskPage.locator('[data-flags~="offline_scan"]').waitFor();
    expect((await checkEvents()).length).toBe(before + 1);
  });

  it('refuses a screenshot replayed three minutes later with 140', async () => {
    const screenshot = await qrOnScreen(phone);
    // A replay is the same picture shown again minutes later. Rather than wait (a test must not sleep), the desk's
    // clock moves three minutes ahead. The server judges by its own clock, which a test cannot move, so the desk is
    // offline and its in-browser verifier — the same code the server runs — decides. The desk stays offline after
    // this: the queued check's scannedAt is in the server's future, so sending it would test the fake clock, not
    // the desk.
    await deskContext.setOffline(true);
    await deskPage.locator('[data-online="false"]').waitFor();
    await deskPage.clock.setSystemTime(Date.now() + 3 * 60_000);
    await scanIntoDesk(screenshot);

    await deskPage.locator('[data-check-result] [data-result-code="140"][data-offline]').waitFor();
    const verdict = await banner().textContent();
    expect(verdict).toContain(desk.result.invalid);
    expect(verdict).toContain(checkMeaning['140']);
    // A refused QR shows nothing of the person.
    expect(await deskPage.getByRole('region', { name: desk.result.factsTitle }).count()).toBe(0);
    expect(await seriousAccessibilityViolations(deskPage)).toEqual([]);
  });
});
