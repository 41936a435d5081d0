CREATE TABLE "dossier_sequences" (
	"agency_id" integer NOT NULL,
	"series" text NOT NULL,
	"year" smallint NOT NULL,
	"last" integer NOT NULL,
	CONSTRAINT "dossier_sequences_agency_id_series_year_pk" PRIMARY KEY("agency_id","series","year")
);
--> statement-breakpoint
ALTER TABLE "dossier_sequences" ADD CONSTRAINT "dossier_sequences_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- Each series continues from the highest number already given (registrations and public-service dossiers).
INSERT INTO "dossier_sequences" ("agency_id", "series", "year", "last")
SELECT "agency_id", split_part(split_part("dossier_number", '.', 2), '/', 1), split_part("dossier_number", '/', 2)::smallint,
       max(split_part("dossier_number", '.', 1)::int)
  FROM (SELECT "agency_id", "dossier_number" FROM "registrations"
        UNION ALL
        SELECT "agency_id", "dossier_number" FROM "dossiers") AS "numbers"
 -- Numbers of the series' shape only (the demo's own registrations are numbered DEMO.GD/…).
 WHERE "dossier_number" ~ '^[0-9]{1,9}\.(GD|DV)/[0-9]{4}/'
 GROUP BY 1, 2, 3;
