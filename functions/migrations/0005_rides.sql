CREATE TABLE `driver_profiles` (
	`user_id` text PRIMARY KEY NOT NULL,
	`plate_number` text NOT NULL,
	`seats` integer NOT NULL,
	`license_years` integer NOT NULL,
	`status` text NOT NULL,
	`reason` text,
	`decided_by` text,
	`decided_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `driver_profiles_status` ON `driver_profiles` (`status`);--> statement-breakpoint
CREATE TABLE `exam_sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`exam_dates` text NOT NULL,
	`last_exam_date` text NOT NULL,
	`booking_opens_at` integer NOT NULL,
	`booking_closes_at` integer NOT NULL,
	`erased_at` integer,
	`created_by` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`created_by`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `exam_venues` (
	`id` text PRIMARY KEY NOT NULL,
	`session_id` text NOT NULL,
	`name` text NOT NULL,
	`address` text NOT NULL,
	`sort_order` integer NOT NULL,
	FOREIGN KEY (`session_id`) REFERENCES `exam_sessions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `exam_venues_session` ON `exam_venues` (`session_id`);--> statement-breakpoint
CREATE TABLE `rides` (
	`id` text PRIMARY KEY NOT NULL,
	`session_id` text NOT NULL,
	`venue_id` text NOT NULL,
	`exam_date` text NOT NULL,
	`pickup_at` integer NOT NULL,
	`pickup_address` text,
	`student_name` text,
	`guardian_name` text,
	`guardian_phone` text,
	`passengers` integer NOT NULL,
	`notes` text,
	`status` text NOT NULL,
	`booker_user_id` text NOT NULL,
	`grid_id` text,
	`driver_user_id` text,
	`assigned_at` integer,
	`picked_up_at` integer,
	`arrived_at` integer,
	`completed_at` integer,
	`cancelled_at` integer,
	`erased_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`session_id`) REFERENCES `exam_sessions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`venue_id`) REFERENCES `exam_venues`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`booker_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`grid_id`) REFERENCES `grids`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`driver_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "rides_status_check" CHECK("rides"."status" in ('requested', 'assigned', 'picked_up', 'arrived', 'completed', 'cancelled')),
	CONSTRAINT "rides_passengers" CHECK("rides"."passengers" between 1 and 3)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `rides_one_active_booking` ON `rides` (`session_id`,`exam_date`,`booker_user_id`,`student_name`) WHERE status in ('requested', 'assigned', 'picked_up', 'arrived');--> statement-breakpoint
CREATE INDEX `rides_status_date` ON `rides` (`status`,`exam_date`);--> statement-breakpoint
CREATE INDEX `rides_driver` ON `rides` (`driver_user_id`,`status`);--> statement-breakpoint
CREATE INDEX `rides_booker` ON `rides` (`booker_user_id`);--> statement-breakpoint
CREATE INDEX `rides_session` ON `rides` (`session_id`);