ALTER TABLE "card_credentials" ADD COLUMN "credential_digest" text;--> statement-breakpoint
CREATE INDEX "card_credentials_digest_idx" ON "card_credentials" USING btree ("credential_digest");