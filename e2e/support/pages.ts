import type { Page } from 'playwright-core';
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
}

/** Picks an option of a searchable select (Mantine): type to filter, then tap the option. */
export async function chooseFromSelect(page: Page, label: string, option: string) {
  const input = page.getByRole('textbox', { name: label }).or(page.getByRole('combobox', { name: label })).first();
  await input.click();
  await input.fill(option);
  await page.getByRole('option', { name: option, exact: true }).first().click();
}
