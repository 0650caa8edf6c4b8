CREATE TABLE `notification_sends` (
	`notification_id` text PRIMARY KEY NOT NULL,
	`status` text NOT NULL,
	`tries` integer NOT NULL,
	`last_error` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`sent_at` integer,
	FOREIGN KEY (`notification_id`) REFERENCES `notifications`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "notification_sends_status_check" CHECK("notification_sends"."status" in ('pending', 'sending', 'sent', 'refused', 'no_grant', 'dead'))
);
--> statement-breakpoint
CREATE INDEX `notification_sends_status` ON `notification_sends` (`status`,`updated_at`);--> statement-breakpoint
CREATE TABLE `notifications` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text,
	`staff_id` text,
	`kind` text NOT NULL,
	`event_key` text NOT NULL,
	`title` text NOT NULL,
	`body` text NOT NULL,
	`page` text NOT NULL,
	`template_data` text,
	`created_at` integer NOT NULL,
	`read_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "notifications_kind_check" CHECK("notifications"."kind" in ('application_decided', 'wish_reviewed', 'wish_claimed', 'wish_fulfilled', 'ride_assigned', 'ride_progress', 'ride_reminder', 'task_reminder', 'report_update', 'visit_due', 'visit_overdue', 'deliberation_stage')),
	CONSTRAINT "notifications_one_recipient" CHECK(("notifications"."user_id" is null) <> ("notifications"."staff_id" is null))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `notifications_user_event` ON `notifications` (`user_id`,`event_key`) WHERE user_id is not null;--> statement-breakpoint
CREATE UNIQUE INDEX `notifications_staff_event` ON `notifications` (`staff_id`,`event_key`) WHERE staff_id is not null;--> statement-breakpoint
CREATE INDEX `notifications_user_created` ON `notifications` (`user_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `notifications_staff_created` ON `notifications` (`staff_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `notifications_user_unread` ON `notifications` (`user_id`) WHERE read_at is null;--> statement-breakpoint
CREATE TABLE `subscription_grants` (
	`user_id` text NOT NULL,
	`kind` text NOT NULL,
	`count` integer NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`user_id`, `kind`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "subscription_grants_count" CHECK("subscription_grants"."count" >= 0)
);
--> statement-breakpoint
CREATE TABLE `wechat_tokens` (
	`name` text PRIMARY KEY NOT NULL,
	`token` text,
	`expires_at` integer NOT NULL,
	`refreshing_until` integer,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE `wishes` ADD `content_check` text;