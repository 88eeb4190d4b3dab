CREATE TABLE `throttle_events` (
	`id` integer PRIMARY KEY NOT NULL,
	`bucket` text NOT NULL,
	`key_hash` text NOT NULL,
	`at` integer NOT NULL,
	`expires_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `throttle_events_key_idx` ON `throttle_events` (`bucket`,`key_hash`,`at`);--> statement-breakpoint
CREATE INDEX `throttle_events_expires_idx` ON `throttle_events` (`expires_at`);