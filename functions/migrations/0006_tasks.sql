CREATE TABLE `task_signups` (
	`id` text PRIMARY KEY NOT NULL,
	`task_id` text NOT NULL,
	`user_id` text NOT NULL,
	`status` text NOT NULL,
	`signed_up_at` integer NOT NULL,
	`checked_in_at` integer,
	`checked_out_at` integer,
	`withdrawn_at` integer,
	`credited_minutes` integer,
	`checked_out_by` text,
	FOREIGN KEY (`task_id`) REFERENCES `tasks`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "task_signups_status_check" CHECK("task_signups"."status" in ('signed_up', 'checked_in', 'checked_out', 'withdrawn'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `task_signups_one_live` ON `task_signups` (`task_id`,`user_id`) WHERE status <> 'withdrawn';--> statement-breakpoint
CREATE INDEX `task_signups_task` ON `task_signups` (`task_id`,`status`);--> statement-breakpoint
CREATE INDEX `task_signups_user` ON `task_signups` (`user_id`);--> statement-breakpoint
CREATE TABLE `tasks` (
	`id` text PRIMARY KEY NOT NULL,
	`title` text NOT NULL,
	`description` text NOT NULL,
	`location` text NOT NULL,
	`starts_at` integer NOT NULL,
	`ends_at` integer NOT NULL,
	`capacity` integer NOT NULL,
	`team_id` text,
	`check_in_code` text NOT NULL,
	`created_by` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "tasks_capacity" CHECK("tasks"."capacity" > 0)
);
--> statement-breakpoint
CREATE INDEX `tasks_ends` ON `tasks` (`ends_at`);