CREATE TABLE `idempotency_keys` (
	`user_id` text NOT NULL,
	`key` text NOT NULL,
	`plan_id` text NOT NULL,
	`command` text NOT NULL,
	`status` integer NOT NULL,
	`body` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`user_id`, `key`)
);
--> statement-breakpoint
CREATE INDEX `idempotency_created_idx` ON `idempotency_keys` (`created_at`);--> statement-breakpoint
CREATE TABLE `quarantined_updates` (
	`id` text PRIMARY KEY NOT NULL,
	`doc_id` text NOT NULL,
	`user_id` text,
	`reason` text NOT NULL,
	`data` blob NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `quarantined_doc_idx` ON `quarantined_updates` (`doc_id`,`created_at`);--> statement-breakpoint
ALTER TABLE `invites` ADD `speaks_for` integer DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE `members` ADD `speaks_for` integer DEFAULT true NOT NULL;