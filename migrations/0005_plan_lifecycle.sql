ALTER TABLE `plans` ADD `archived_at` integer;--> statement-breakpoint
ALTER TABLE `plans` ADD `deleted_at` integer;--> statement-breakpoint
ALTER TABLE `plans` ADD `purge_at` integer;--> statement-breakpoint
ALTER TABLE `plans` ADD `purged_at` integer;