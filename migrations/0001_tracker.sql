CREATE TABLE `tracked_actions` (
	`plan_id` text NOT NULL,
	`action_id` text NOT NULL,
	`title` text NOT NULL,
	`lead` text NOT NULL,
	`lead_user_id` text,
	`partners` text DEFAULT '[]' NOT NULL,
	`due_date` text,
	`review_date` text,
	`status` text NOT NULL,
	`agreed` integer DEFAULT false NOT NULL,
	`changed_since_agreed` integer DEFAULT false NOT NULL,
	`last_progress` text,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`plan_id`, `action_id`),
	FOREIGN KEY (`plan_id`) REFERENCES `plans`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `tracked_actions_lead_user_idx` ON `tracked_actions` (`lead_user_id`);--> statement-breakpoint
CREATE INDEX `tracked_actions_due_idx` ON `tracked_actions` (`due_date`);--> statement-breakpoint
ALTER TABLE `plans` ADD `review_date` text;--> statement-breakpoint
ALTER TABLE `plans` ADD `tracked_at` integer;