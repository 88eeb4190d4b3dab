CREATE TABLE `access_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`plan_id` text NOT NULL,
	`user_id` text,
	`affiliation` text NOT NULL,
	`organisation` text,
	`kind` text NOT NULL,
	`details` text DEFAULT '{}' NOT NULL,
	`open_day` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`plan_id`) REFERENCES `plans`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `access_events_open_idx` ON `access_events` (`plan_id`,`user_id`,`open_day`);--> statement-breakpoint
CREATE INDEX `access_events_plan_idx` ON `access_events` (`plan_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `access_events_created_idx` ON `access_events` (`created_at`);