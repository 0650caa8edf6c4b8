CREATE TABLE `care_pairings` (
	`recipient_id` text NOT NULL,
	`user_id` text NOT NULL,
	`paired_by` text NOT NULL,
	`paired_at` integer NOT NULL,
	PRIMARY KEY(`recipient_id`, `user_id`),
	FOREIGN KEY (`recipient_id`) REFERENCES `care_recipients`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`paired_by`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `care_pairings_user` ON `care_pairings` (`user_id`);--> statement-breakpoint
CREATE TABLE `care_recipients` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`grid_id` text NOT NULL,
	`address` text NOT NULL,
	`phone` text NOT NULL,
	`emergency_name` text NOT NULL,
	`emergency_phone` text NOT NULL,
	`risk_level` text NOT NULL,
	`needs` text,
	`consent_at` integer NOT NULL,
	`consent_recorded_by` text NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`ended_at` integer,
	`last_visit_at` integer,
	`next_due_at` integer NOT NULL,
	`due_reminded_for` integer,
	`overdue_alerted_for` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`grid_id`) REFERENCES `grids`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`consent_recorded_by`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "care_recipients_risk_check" CHECK("care_recipients"."risk_level" in ('high', 'key', 'normal'))
);
--> statement-breakpoint
CREATE INDEX `care_recipients_grid` ON `care_recipients` (`grid_id`,`active`);--> statement-breakpoint
CREATE INDEX `care_recipients_due` ON `care_recipients` (`active`,`next_due_at`);--> statement-breakpoint
CREATE TABLE `care_visits` (
	`id` text PRIMARY KEY NOT NULL,
	`recipient_id` text NOT NULL,
	`user_id` text NOT NULL,
	`visited_at` integer NOT NULL,
	`minutes` integer NOT NULL,
	`outcome` text NOT NULL,
	`flags` text NOT NULL,
	`note` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`recipient_id`) REFERENCES `care_recipients`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "care_visits_outcome_check" CHECK("care_visits"."outcome" in ('visited', 'no_answer', 'refused', 'in_hospital')),
	CONSTRAINT "care_visits_minutes" CHECK("care_visits"."minutes" between 5 and 240)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `care_visits_once` ON `care_visits` (`recipient_id`,`user_id`,`visited_at`);--> statement-breakpoint
CREATE INDEX `care_visits_recipient` ON `care_visits` (`recipient_id`,`visited_at`);