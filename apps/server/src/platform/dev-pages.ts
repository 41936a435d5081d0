// Development-only pages (never registered in production): the SMS outbox, so a tester can read OTPs and passwords.
import { and, asc, desc, eq, isNull, isNotNull, lte, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { smsList, smsQuery } from '@vssid/shared';
import type { Db } from '../db/connection.ts';
import type { Services } from './services.ts';
import { accounts, people, registrations, smsMessages } from '../db/schema.ts';

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export const devRoutes: FastifyPluginAsyncZod<{ db: Db; demoLogins: Services['demoLogins'] }> = async (
  app,
  { db, demoLogins },
) => {
  // The demo accounts printed at start, for testers and browser tests.
  app.get(
    '/api/v1/dev/demo-logins',
    {
      config: { public: true },
      schema: {
        tags: ['Development'],
        summary: 'The demo accounts made at start (synthetic data, not in production)',
        response: {
          200: z.object({
            items: z.array(z.object({ role: z.string(), login: z.string(), password: z.string(), scope: z.string() })),
          }),
        },
      },
    },
    async () => ({ items: demoLogins }),
  );

  const latest = (phone: string | undefined, limit: number) =>
    db
      .select()
      .from(smsMessages)
      .where(phone ? eq(smsMessages.phone, phone) : undefined)
      .orderBy(desc(smsMessages.id))
      .limit(limit);

  app.get(
    '/api/v1/dev/sms',
    {
      config: { public: true },
      schema: { tags: ['Development'], summary: 'Latest SMS in the outbox (not in production)', querystring: smsQuery, response: { 200: smsList } },
    },
    async (request) => ({
      items: (await latest(request.query.phone, request.query.limit)).map((m) => ({
        id: m.id,
        phone: m.phone,
        body: m.body,
        status: m.status,
        createdAt: m.createdAt.toISOString(),
      })),
    }),
  );

  // Seeded adults with no account and no pending form: people a tester (or a browser test) can register as.
  app.get(
    '/api/v1/dev/demo-people',
    {
      config: { public: true },
      schema: {
        tags: ['Development'],
        summary: 'Synthetic people without an account, to try registration (not in production)',
        response: {
          200: z.object({
            items: z.array(
              z.object({
                fullName: z.string(),
                bhxhCode: z.string(),
                personalId: z.string(),
                birthDate: z.string(),
                provinceCode: z.string(),
                communeCode: z.string(),
                /** A child under 18 the registry records for this person and nobody has registered yet. */
                minorChildBhxhCode: z.string().nullable(),
              }),
            ),
          }),
        },
      },
    },
    async () => {
      const minorChild = sql<string | null>`(select c.bhxh_code from registry_relations r join people c on c.id = r.child_person_id
          where r.parent_person_id = people.id and c.birth_date > current_date - interval '18 years'
            and not exists (select 1 from guardianships g where g.child_person_id = c.id)
          order by c.birth_date desc limit 1)`;
      const rows = await db
        .select({
          fullName: people.fullName,
          bhxhCode: people.bhxhCode,
          personalId: people.personalId,
          birthDate: people.birthDate,
          provinceCode: people.provinceCode,
          communeCode: people.communeCode,
          minorChildBhxhCode: minorChild,
        })
        .from(people)
        .leftJoin(accounts, eq(accounts.personId, people.id))
        .leftJoin(registrations, and(eq(registrations.personId, people.id), eq(registrations.status, 'submitted')))
        .where(and(isNull(accounts.id), isNull(registrations.id), isNotNull(people.personalId), lte(people.birthDate, '2000-01-01'), eq(people.birthDatePrecision, 'day')))
        // Parents of an unregistered minor first: they can also try registering a child after their own account.
        .orderBy(sql`${minorChild} is null`, asc(people.id))
        .limit(5);
      return { items: rows.flatMap((r) => (r.personalId ? [{ ...r, personalId: r.personalId }] : [])) };
    },
  );

  app.get('/dev/sms', { schema: { hide: true, querystring: smsQuery } }, async (request, reply) => {
    const rows = await latest(request.query.phone, request.query.limit);
    const items = rows
      .map(
        (m) =>
          `<li><p class="meta"><strong>${escapeHtml(m.phone)}</strong> · ${escapeHtml(m.createdAt.toISOString())} · ${escapeHtml(m.status)}</p><p class="body">${escapeHtml(m.body)}</p></li>`,
      )
      .join('');
    return reply.type('text/html; charset=utf-8').send(`<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="5"><title>Tin nhắn SMS thử nghiệm – VssID</title>
<style>body{font:18px/1.5 system-ui,sans-serif;margin:1rem;color:#111}li{list-style:none;border-bottom:1px solid #ccc;padding:.5rem 0}
.meta{margin:0;color:#333;font-size:15px}.body{margin:.25rem 0;font-family:ui-monospace,monospace}input,button{font-size:18px;min-height:44px}</style></head>
<body><main><h1>Tin nhắn SMS thử nghiệm</h1><p>Chỉ có ở môi trường phát triển: các tin nhắn hệ thống đã gửi (mới nhất trước). Trang tự làm mới mỗi 5 giây.</p>
<form method="get"><label for="phone">Số điện thoại</label> <input id="phone" name="phone" inputmode="tel" value="${escapeHtml(request.query.phone ?? '')}"> <button type="submit">Lọc</button></form>
<ul aria-label="Tin nhắn">${items || '<li>Chưa có tin nhắn.</li>'}</ul></main></body></html>`);
  });
};
