CREATE TABLE `partner_representatives` (
	`partner_id` text NOT NULL,
	`user_id` text NOT NULL,
	`created_by` text,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`partner_id`, `user_id`),
	FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `partner_representatives_user` ON `partner_representatives` (`user_id`);--> statement-breakpoint
CREATE TABLE `service_hours` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`source` text NOT NULL,
	`source_id` text,
	`minutes` integer NOT NULL,
	`title` text NOT NULL,
	`at` integer NOT NULL,
	`created_by` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "service_hours_minutes" CHECK("service_hours"."minutes" > 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `service_hours_once` ON `service_hours` (`source`,`source_id`) WHERE source <> 'manual';--> statement-breakpoint
CREATE INDEX `service_hours_user_at` ON `service_hours` (`user_id`,`at`);--> statement-breakpoint
CREATE INDEX `service_hours_at` ON `service_hours` (`at`);--> statement-breakpoint
CREATE TABLE `uploads` (
	`key` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`content_type` text NOT NULL,
	`bytes` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `uploads_user` ON `uploads` (`user_id`);--> statement-breakpoint
CREATE TABLE `wishes` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text,
	`on_behalf_name` text,
	`on_behalf_phone` text,
	`created_by_staff` text,
	`grid_id` text,
	`title` text NOT NULL,
	`story` text NOT NULL,
	`category` text NOT NULL,
	`estimated_value_yuan` integer,
	`status` text NOT NULL,
	`review_reason` text,
	`reviewed_by` text,
	`reviewed_at` integer,
	`claimer_kind` text,
	`claimer_user_id` text,
	`claimer_partner_id` text,
	`claimed_at` integer,
	`fulfil_note` text,
	`fulfil_photos` text,
	`fulfilled_at` integer,
	`rating` integer,
	`thanks` text,
	`completed_at` integer,
	`cancelled_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by_staff`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`grid_id`) REFERENCES `grids`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reviewed_by`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`claimer_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`claimer_partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "wishes_status_check" CHECK("wishes"."status" in ('pending_review', 'open', 'claimed', 'fulfilled', 'completed', 'rejected', 'cancelled'))
);
--> statement-breakpoint
CREATE INDEX `wishes_status_created` ON `wishes` (`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `wishes_user` ON `wishes` (`user_id`,`status`);--> statement-breakpoint
CREATE INDEX `wishes_grid` ON `wishes` (`grid_id`,`status`);--> statement-breakpoint
CREATE INDEX `wishes_claimer` ON `wishes` (`claimer_user_id`,`status`);