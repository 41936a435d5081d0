-- The folded name alone, what a facility search ranks by. Existing rows get foldVietnamese(name) in SQL, step by
-- step as packages/shared/src/text/fold.ts does it: NFD, marks U+0300–U+036F removed, đ → d, lower case, spaces
-- collapsed, trimmed (the same as the code's on the 2,682 seeded facilities, checked).
ALTER TABLE "facilities" ADD COLUMN "name_key" text;--> statement-breakpoint
UPDATE "facilities" SET "name_key" = btrim(regexp_replace(lower(translate(regexp_replace(normalize("name", NFD), '[\u0300-\u036f]', '', 'g'), 'đĐ', 'dd')), '\s+', ' ', 'g'));--> statement-breakpoint
ALTER TABLE "facilities" ALTER COLUMN "name_key" SET NOT NULL;
