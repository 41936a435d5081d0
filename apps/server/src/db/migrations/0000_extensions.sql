-- pg_trgm: trigram indexes for free-text search; unaccent: accent-free matching in ad-hoc queries.
-- Both ship with PostgreSQL contrib and with PGlite (loaded as extensions by the connection).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS unaccent;
