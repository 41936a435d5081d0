import jsQRModule from 'jsqr';
import type { Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { inject } from 'vitest';

/** A JSON answer of the test server, read as a tester would with a browser's address bar. */
export async function api<T>(path: string): Promise<T> {
  const response = await fetch(`${inject('baseUrl')}${path}`);
  if (!response.ok) throw new Error(`${path} answered ${response.status}`);
  return (await response.json()) as T;
}

export interface DemoPerson {
  fullName: string;
  bhxhCode: string;
  personalId: string;
  birthDate: string;
  provinceCode: string;
  communeCode: string;
  /** A child under 18 the registry records for this person, not registered yet (null when none). */
  minorChildBhxhCode: string | null;
}

/** Picks an option of a searchable select (Mantine): type to filter, then tap the option. */
export async function chooseFromSelect(page: Page, label: string, option: string) {
  const input = page.getByRole('textbox', { name: label }).or(page.getByRole('combobox', { name: label })).first();
  await input.click();
  await input.fill(option);
  await page.getByRole('option', { name: option, exact: true }).first().click();
}

/** A demo account printed at start (GET /api/v1/dev/demo-logins, development mode only). */
export interface DemoLogin {
  role: string;
  login: string;
  password: string;
  scope: string;
}

export async function demoLogin(role: string): Promise<DemoLogin> {
  const { items } = await api<{ items: DemoLogin[] }>('/api/v1/dev/demo-logins');
  const found = items.find((item) => item.role === role);
  if (!found) throw new Error(`the demo has no ${role} login`);
  return found;
}

/** Signs in on an area's sign-in screen, as a person types it. */
export async function signIn(page: Page, path: string, loginLabel: string, login: string, password: string) {
  await page.goto(path);
  await page.getByLabel(loginLabel).fill(login);
  await page.getByRole('textbox', { name: 'Mật khẩu', exact: true }).fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
}

// jsqr is CommonJS: at run time its module object is the decoder itself; its type declarations say `default`.
const jsQR = jsQRModule as unknown as typeof jsQRModule.default;

/**
 * Reads the card's QR code off a screenshot of the phone's screen, as a scanner pointed at the phone would: after the
 * image has been decoded (a data-URL image is in the page before its pixels are), and looking again a few times as a
 * scanner does: the QR is redrawn every 30 seconds and when a fresher card arrives from the server, and a shot taken
 * while the page settles can catch it mid-swap or moved (a CI run once read nothing off a child's card).
 */
export async function qrOnScreen(phone: Page): Promise<string> {
  const image = phone.getByRole('img', { name: /Mã QR thẻ BHYT/ });
  for (let look = 1; ; look += 1) {
    await image.waitFor();
    await image.evaluate((element: HTMLImageElement) => element.decode());
    const png = PNG.sync.read(await image.screenshot());
    const decoded = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
    if (decoded) return decoded.data;
    if (look === 3) throw new Error('no QR code could be read from the screen');
    await phone.waitForTimeout(500);
  }
}
