CREATE TABLE "access_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "access_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"plan_id" text NOT NULL,
	"user_id" text,
	"affiliation" text NOT NULL,
	"organisation" text,
	"kind" text NOT NULL,
	"details" text DEFAULT '{}' NOT NULL,
	"open_day" text,
	"created_at" bigint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "access_events" ADD CONSTRAINT "access_events_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "access_events" ADD CONSTRAINT "access_events_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "access_events_open_idx" ON "access_events" USING btree ("plan_id","user_id","open_day");--> statement-breakpoint
CREATE INDEX "access_events_plan_idx" ON "access_events" USING btree ("plan_id","created_at");--> statement-breakpoint
CREATE INDEX "access_events_created_idx" ON "access_events" USING btree ("created_at");