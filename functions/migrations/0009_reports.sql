CREATE TABLE `open311_keys` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`key_hash` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`revoked_at` integer,
	`last_used_at` integer,
	FOREIGN KEY (`created_by`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `open311_keys_hash` ON `open311_keys` (`key_hash`);--> statement-breakpoint
CREATE TABLE `report_events` (
	`id` text PRIMARY KEY NOT NULL,
	`report_id` text NOT NULL,
	`at` integer NOT NULL,
	`kind` text NOT NULL,
	`text` text NOT NULL,
	`level` text,
	`public` integer NOT NULL,
	`actor_kind` text NOT NULL,
	`actor_id` text,
	`actor_label` text NOT NULL,
	FOREIGN KEY (`report_id`) REFERENCES `reports`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "report_events_kind_check" CHECK("report_events"."kind" in ('submitted', 'accepted', 'note', 'escalated', 'resolved', 'rejected', 'withdrawn', 'rated', 'reopened', 'closed'))
);
--> statement-breakpoint
CREATE INDEX `report_events_report` ON `report_events` (`report_id`,`at`);--> statement-breakpoint
CREATE TABLE `report_ref_days` (
	`day` text PRIMARY KEY NOT NULL,
	`last` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `reports` (
	`id` text PRIMARY KEY NOT NULL,
	`ref` text NOT NULL,
	`user_id` text,
	`reporter_name` text,
	`reporter_phone` text,
	`source` text NOT NULL,
	`created_by_staff` text,
	`open311_key_id` text,
	`grid_id` text NOT NULL,
	`category` text NOT NULL,
	`description` text NOT NULL,
	`building` text,
	`lat` real,
	`long` real,
	`photo_urls` text NOT NULL,
	`public` integer NOT NULL,
	`status` text NOT NULL,
	`level` text NOT NULL,
	`handler_staff_id` text,
	`accept_by` integer NOT NULL,
	`resolve_by` integer NOT NULL,
	`accept_overdue_at` integer,
	`resolve_overdue_at` integer,
	`external_ref` text,
	`accepted_at` integer,
	`resolved_at` integer,
	`result` text,
	`result_photo_urls` text,
	`mediation` text,
	`reject_reason` text,
	`rating` text,
	`rating_comment` text,
	`rated_at` integer,
	`reopen_count` integer DEFAULT 0 NOT NULL,
	`flagged` integer DEFAULT false NOT NULL,
	`closed_at` integer,
	`content_check` text,
	`last_step` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by_staff`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`grid_id`) REFERENCES `grids`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`handler_staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "reports_status_check" CHECK("reports"."status" in ('submitted', 'accepted', 'resolved', 'closed', 'rejected', 'withdrawn')),
	CONSTRAINT "reports_level_check" CHECK("reports"."level" in ('grid', 'community', 'street', 'district')),
	CONSTRAINT "reports_category_check" CHECK("reports"."category" in ('environment', 'facility', 'safety_hazard', 'neighbour_dispute', 'property', 'elderly_help', 'other')),
	CONSTRAINT "reports_rating_check" CHECK("reports"."rating" is null or "reports"."rating" in ('satisfied', 'basically_satisfied', 'dissatisfied')),
	CONSTRAINT "reports_reporter" CHECK("reports"."user_id" is not null or "reports"."reporter_name" is not null)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `reports_ref` ON `reports` (`ref`);--> statement-breakpoint
CREATE INDEX `reports_user` ON `reports` (`user_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `reports_grid_status` ON `reports` (`grid_id`,`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `reports_status_created` ON `reports` (`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `reports_created` ON `reports` (`created_at`);--> statement-breakpoint
CREATE INDEX `reports_public` ON `reports` (`public`,`status`,`created_at`);