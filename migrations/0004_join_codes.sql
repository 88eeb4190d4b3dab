-- Join at the hui by QR code: the codes a facilitator shows (only their hash is kept) and the
-- requests to join made with them, which a facilitator admits or declines.
CREATE TABLE `join_codes` (
	`id` text PRIMARY KEY NOT NULL,
	`plan_id` text NOT NULL,
	`code_hash` text NOT NULL,
	`hui_id` text NOT NULL,
	`created_by` text,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`stopped_at` integer,
	`max_uses` integer NOT NULL,
	`uses` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`plan_id`) REFERENCES `plans`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `join_codes_code_hash_unique` ON `join_codes` (`code_hash`);--> statement-breakpoint
CREATE INDEX `join_codes_plan_idx` ON `join_codes` (`plan_id`);--> statement-breakpoint
CREATE TABLE `join_requests` (
	`id` text PRIMARY KEY NOT NULL,
	`plan_id` text NOT NULL,
	`user_id` text NOT NULL,
	`join_code_id` text,
	`affiliation` text,
	`organisation` text,
	`status` text NOT NULL,
	`created_at` integer NOT NULL,
	`decided_at` integer,
	`decided_by` text,
	FOREIGN KEY (`plan_id`) REFERENCES `plans`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`join_code_id`) REFERENCES `join_codes`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`decided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `join_requests_plan_idx` ON `join_requests` (`plan_id`,`status`);--> statement-breakpoint
CREATE INDEX `join_requests_user_idx` ON `join_requests` (`user_id`);