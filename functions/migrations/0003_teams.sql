CREATE TABLE `idempotency_keys` (
	`caller_id` text NOT NULL,
	`key` text NOT NULL,
	`method` text NOT NULL,
	`path` text NOT NULL,
	`status` integer,
	`body` text,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`caller_id`, `key`)
);
--> statement-breakpoint
CREATE TABLE `team_applications` (
	`id` text PRIMARY KEY NOT NULL,
	`team_id` text NOT NULL,
	`user_id` text NOT NULL,
	`real_name` text NOT NULL,
	`phone` text NOT NULL,
	`birth_year` integer NOT NULL,
	`skills` text NOT NULL,
	`availability` text NOT NULL,
	`motivation` text NOT NULL,
	`status` text NOT NULL,
	`reason` text,
	`decided_by` text,
	`decided_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "team_applications_status_check" CHECK("team_applications"."status" in ('pending', 'approved', 'rejected'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `team_applications_one_pending` ON `team_applications` (`team_id`,`user_id`) WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX `team_applications_status` ON `team_applications` (`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `team_applications_user` ON `team_applications` (`user_id`);--> statement-breakpoint
CREATE TABLE `team_members` (
	`team_id` text NOT NULL,
	`user_id` text NOT NULL,
	`status` text NOT NULL,
	`application_id` text,
	`joined_at` integer NOT NULL,
	`left_at` integer,
	PRIMARY KEY(`team_id`, `user_id`),
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`application_id`) REFERENCES `team_applications`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "team_members_status_check" CHECK("team_members"."status" in ('active', 'left'))
);
--> statement-breakpoint
CREATE INDEX `team_members_user` ON `team_members` (`user_id`,`status`);--> statement-breakpoint
CREATE TABLE `teams` (
	`id` text PRIMARY KEY NOT NULL,
	`community_id` text NOT NULL,
	`name` text NOT NULL,
	`slogan` text NOT NULL,
	`description` text NOT NULL,
	`min_birth_year` integer,
	`max_birth_year` integer,
	`sort_order` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action
);
