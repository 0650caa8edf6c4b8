CREATE TABLE `deliberation_comments` (
	`id` text PRIMARY KEY NOT NULL,
	`deliberation_id` text NOT NULL,
	`user_id` text NOT NULL,
	`text` text NOT NULL,
	`content_check` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`deliberation_id`) REFERENCES `deliberations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `deliberation_comments_topic` ON `deliberation_comments` (`deliberation_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `deliberation_events` (
	`id` text PRIMARY KEY NOT NULL,
	`deliberation_id` text NOT NULL,
	`stage` text NOT NULL,
	`note` text,
	`staff_id` text,
	`at` integer NOT NULL,
	FOREIGN KEY (`deliberation_id`) REFERENCES `deliberations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `deliberation_events_topic` ON `deliberation_events` (`deliberation_id`,`at`);--> statement-breakpoint
CREATE TABLE `deliberation_meetings` (
	`id` text PRIMARY KEY NOT NULL,
	`deliberation_id` text NOT NULL,
	`held_at` integer NOT NULL,
	`place` text NOT NULL,
	`attendees` text NOT NULL,
	`minutes` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`deliberation_id`) REFERENCES `deliberations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `deliberation_meetings_topic` ON `deliberation_meetings` (`deliberation_id`,`held_at`);--> statement-breakpoint
CREATE TABLE `deliberation_objections` (
	`id` text PRIMARY KEY NOT NULL,
	`deliberation_id` text NOT NULL,
	`user_id` text NOT NULL,
	`text` text NOT NULL,
	`content_check` text,
	`answer` text,
	`answered_by` text,
	`answered_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`deliberation_id`) REFERENCES `deliberations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`answered_by`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `deliberation_objections_topic` ON `deliberation_objections` (`deliberation_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `deliberation_payments` (
	`id` text PRIMARY KEY NOT NULL,
	`deliberation_id` text NOT NULL,
	`pledge_id` text NOT NULL,
	`amount_fen` integer NOT NULL,
	`paid_at` integer NOT NULL,
	`method` text NOT NULL,
	`receipt_no` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`deliberation_id`) REFERENCES `deliberations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`pledge_id`) REFERENCES `deliberation_pledges`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "deliberation_payments_amount" CHECK("deliberation_payments"."amount_fen" > 0),
	CONSTRAINT "deliberation_payments_method_check" CHECK("deliberation_payments"."method" in ('cash', 'transfer'))
);
--> statement-breakpoint
CREATE INDEX `deliberation_payments_pledge` ON `deliberation_payments` (`pledge_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `deliberation_payments_receipt` ON `deliberation_payments` (`deliberation_id`,`receipt_no`);--> statement-breakpoint
CREATE TABLE `deliberation_pledges` (
	`id` text PRIMARY KEY NOT NULL,
	`deliberation_id` text NOT NULL,
	`name` text NOT NULL,
	`unit` text NOT NULL,
	`amount_fen` integer NOT NULL,
	`user_id` text,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`deliberation_id`) REFERENCES `deliberations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "deliberation_pledges_amount" CHECK("deliberation_pledges"."amount_fen" > 0)
);
--> statement-breakpoint
CREATE INDEX `deliberation_pledges_topic` ON `deliberation_pledges` (`deliberation_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `deliberation_progress` (
	`id` text PRIMARY KEY NOT NULL,
	`deliberation_id` text NOT NULL,
	`note` text NOT NULL,
	`photo_urls` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`deliberation_id`) REFERENCES `deliberations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `deliberation_progress_topic` ON `deliberation_progress` (`deliberation_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `deliberation_votes` (
	`deliberation_id` text NOT NULL,
	`user_id` text NOT NULL,
	`choice` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`deliberation_id`, `user_id`),
	FOREIGN KEY (`deliberation_id`) REFERENCES `deliberations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "deliberation_votes_choice_check" CHECK("deliberation_votes"."choice" in ('approve', 'reject', 'abstain'))
);
--> statement-breakpoint
CREATE TABLE `deliberations` (
	`id` text PRIMARY KEY NOT NULL,
	`title` text NOT NULL,
	`background` text NOT NULL,
	`proposal` text NOT NULL,
	`grid_id` text,
	`stage` text NOT NULL,
	`target_fen` integer,
	`from_suggestion_id` text,
	`created_by` text NOT NULL,
	`publicized_until` integer,
	`tally_approve` integer,
	`tally_reject` integer,
	`tally_abstain` integer,
	`tally_representatives` integer,
	`last_step` text NOT NULL,
	`stage_changed_at` integer NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`grid_id`) REFERENCES `grids`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`from_suggestion_id`) REFERENCES `suggestions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "deliberations_stage_check" CHECK("deliberations"."stage" in ('proposed', 'consulting', 'voting', 'publicized', 'adopted', 'implementing', 'done', 'rejected', 'withdrawn'))
);
--> statement-breakpoint
CREATE INDEX `deliberations_stage` ON `deliberations` (`stage`,`created_at`);--> statement-breakpoint
CREATE INDEX `deliberations_created` ON `deliberations` (`created_at`);--> statement-breakpoint
CREATE TABLE `representatives` (
	`user_id` text PRIMARY KEY NOT NULL,
	`named_by` text NOT NULL,
	`named_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`named_by`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `suggestions` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`title` text NOT NULL,
	`text` text NOT NULL,
	`content_check` text,
	`deliberation_id` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `suggestions_user` ON `suggestions` (`user_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `suggestions_created` ON `suggestions` (`created_at`);