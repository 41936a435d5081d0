// Small helpers the paths share for their preparation requests.
export const json = { 'content-type': 'application/json' };

/** Awaits a preparation request and fails the bench early, with the answer, when it is not a 2xx. */
export async function expectOk(pending: Promise<Response>, what: string): Promise<Response> {
  const response = await pending;
  if (!response.ok) throw new Error(`${what}: ${response.status} ${(await response.text()).slice(0, 500)}`);
  return response;
}

/** The value of a cookie in Set-Cookie header(s), as fetch or autocannon give them. */
export function cookieValue(setCookie: string | string[] | undefined, name: string): string | undefined {
  for (const header of Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : []) {
    const [pair] = header.split(';');
    const separator = pair?.indexOf('=') ?? -1;
    if (pair && separator > 0 && pair.slice(0, separator).trim() === name) return pair.slice(separator + 1).trim();
  }
  return undefined;
}

/** Signs each login in (one argon2 verify each) and returns their `Bearer …` authorization headers, in order. */
export async function bearerTokens(baseUrl: string, logins: readonly string[], password: string, area: 'citizen' | 'facility'): Promise<string[]> {
  const tokens: string[] = [];
  for (const login of logins) {
    const response = await expectOk(
      fetch(`${baseUrl}/api/v1/sessions`, { method: 'POST', headers: json, body: JSON.stringify({ login, password, area }) }),
      `sign-in of ${login} (${area})`,
    );
    tokens.push(`Bearer ${((await response.json()) as { accessToken: string }).accessToken}`);
  }
  return tokens;
}
