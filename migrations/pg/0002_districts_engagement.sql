CREATE TABLE "district_groups" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"created_by" text,
	"created_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "district_members" (
	"group_id" text NOT NULL,
	"user_id" text NOT NULL,
	"added_by" text,
	"added_at" bigint NOT NULL,
	CONSTRAINT "district_members_group_id_user_id_pk" PRIMARY KEY("group_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "district_shares" (
	"plan_id" text PRIMARY KEY NOT NULL,
	"group_id" text NOT NULL,
	"requested_by" text,
	"requested_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "instance_admins" (
	"user_id" text PRIMARY KEY NOT NULL,
	"granted_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "partner_consents" (
	"plan_id" text NOT NULL,
	"subject" text NOT NULL,
	"partner" text NOT NULL,
	"given_by" text,
	"given_at" bigint NOT NULL,
	CONSTRAINT "partner_consents_plan_id_subject_partner_pk" PRIMARY KEY("plan_id","subject","partner")
);
--> statement-breakpoint
CREATE TABLE "raised_items" (
	"id" text PRIMARY KEY NOT NULL,
	"plan_id" text NOT NULL,
	"group_id" text NOT NULL,
	"target" text NOT NULL,
	"title" text NOT NULL,
	"note" text NOT NULL,
	"raised_by" text,
	"raised_at" bigint NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"answer" text,
	"answered_by" text,
	"answered_at" bigint
);
--> statement-breakpoint
ALTER TABLE "tracked_actions" ADD COLUMN "engagement" text;--> statement-breakpoint
ALTER TABLE "district_groups" ADD CONSTRAINT "district_groups_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "district_members" ADD CONSTRAINT "district_members_group_id_district_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."district_groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "district_members" ADD CONSTRAINT "district_members_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "district_members" ADD CONSTRAINT "district_members_added_by_users_id_fk" FOREIGN KEY ("added_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "district_shares" ADD CONSTRAINT "district_shares_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "district_shares" ADD CONSTRAINT "district_shares_group_id_district_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."district_groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "district_shares" ADD CONSTRAINT "district_shares_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "instance_admins" ADD CONSTRAINT "instance_admins_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_consents" ADD CONSTRAINT "partner_consents_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_consents" ADD CONSTRAINT "partner_consents_given_by_users_id_fk" FOREIGN KEY ("given_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "raised_items" ADD CONSTRAINT "raised_items_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "raised_items" ADD CONSTRAINT "raised_items_group_id_district_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."district_groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "raised_items" ADD CONSTRAINT "raised_items_raised_by_users_id_fk" FOREIGN KEY ("raised_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "raised_items" ADD CONSTRAINT "raised_items_answered_by_users_id_fk" FOREIGN KEY ("answered_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "district_members_user_idx" ON "district_members" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "district_shares_group_idx" ON "district_shares" USING btree ("group_id");--> statement-breakpoint
CREATE INDEX "raised_items_plan_idx" ON "raised_items" USING btree ("plan_id");--> statement-breakpoint
CREATE INDEX "raised_items_group_idx" ON "raised_items" USING btree ("group_id");