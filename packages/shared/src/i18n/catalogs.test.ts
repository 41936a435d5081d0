import { describe, expect, it } from 'vitest';
import { LANGUAGES, resources } from './index.ts';

function leafPaths(value: unknown, prefix = ''): string[] {
  if (typeof value === 'string') return [prefix];
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, child]) => leafPaths(child, prefix ? `${prefix}.${key}` : key));
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1] ?? '').sort();
}

describe('i18n catalogs', () => {
  for (const language of LANGUAGES) {
    for (const namespace of ['errors', 'web'] as const) {
      it(`${language}/${namespace} has exactly the Vietnamese keys, no empty strings, the same placeholders`, () => {
        const reference = resources.vi[namespace];
        const catalog = resources[language][namespace];
        expect(leafPaths(catalog).sort()).toEqual(leafPaths(reference).sort());
        for (const path of leafPaths(reference)) {
          const get = (root: unknown): string =>
            String(path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], root));
          expect(get(catalog).trim(), `${language}:${namespace}.${path}`).not.toBe('');
          expect(placeholders(get(catalog)), `${language}:${namespace}.${path}`).toEqual(placeholders(get(reference)));
        }
      });
    }
  }
});
