CREATE TABLE "child_welfare_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"log_id" uuid,
	"reported_by" uuid NOT NULL,
	"reporter_unit_id" uuid,
	"recipient" text NOT NULL,
	"reported_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "next_of_kin_cases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"created_by" uuid,
	"parent_reference" text NOT NULL,
	"parent_situation" text NOT NULL,
	"children" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"conversation_on" date,
	"childrens_needs" text DEFAULT '' NOT NULL,
	"actions_taken" text DEFAULT '' NOT NULL,
	"follow_up_on" date,
	"status" text DEFAULT 'open' NOT NULL,
	"lock_version" integer DEFAULT 0 NOT NULL,
	"reminder_sent_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"user_id" uuid,
	"citizen_id" uuid,
	"kind" text NOT NULL,
	"log_id" uuid,
	"link" text NOT NULL,
	"dedupe_key" text NOT NULL,
	"emailed_at" timestamp with time zone,
	"read_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "relay_log_areas" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"log_id" uuid NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"created_by" uuid,
	"lock_version" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "relay_log_consents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"log_id" uuid NOT NULL,
	"givers" jsonb NOT NULL,
	"method" text NOT NULL,
	"witness" text,
	"unit_ids" uuid[] NOT NULL,
	"given_on" date NOT NULL,
	"expires_on" date NOT NULL,
	"attachment" "bytea",
	"attachment_name" text,
	"attachment_type" text,
	"recorded_by" uuid,
	"recorded_by_citizen" uuid,
	"withdrawn_at" timestamp with time zone,
	"withdrawn_note" text,
	"withdrawn_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "relay_log_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"log_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"area_id" uuid,
	"occurred_on" date NOT NULL,
	"author_user_id" uuid,
	"author_citizen_id" uuid,
	"author_name" text NOT NULL,
	"current_version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "relay_log_entry_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"log_id" uuid NOT NULL,
	"entry_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"text" text NOT NULL,
	"edited_by" uuid,
	"edited_by_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "relay_log_evaluations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"log_id" uuid NOT NULL,
	"scheduled_on" date NOT NULL,
	"held_on" date,
	"held_by" uuid,
	"summary" text DEFAULT '' NOT NULL,
	"lock_version" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "relay_log_goal_scores" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"log_id" uuid NOT NULL,
	"evaluation_id" uuid NOT NULL,
	"goal_id" uuid NOT NULL,
	"scorer_kind" text DEFAULT 'staff' NOT NULL,
	"scorer_user_id" uuid,
	"scorer_citizen_id" uuid,
	"score" smallint NOT NULL,
	"comment" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "relay_log_goal_scores_range" CHECK ("relay_log_goal_scores"."score" between -2 and 2)
);
--> statement-breakpoint
CREATE TABLE "relay_log_goals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"log_id" uuid NOT NULL,
	"area_id" uuid NOT NULL,
	"text" text NOT NULL,
	"expected_outcome" text DEFAULT '' NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"created_by" uuid,
	"lock_version" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "relay_log_guardians" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"log_id" uuid NOT NULL,
	"name" text NOT NULL,
	"phone" text,
	"email" text,
	"parental_responsibility" boolean NOT NULL,
	"citizen_id" uuid,
	"national_id_hash" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "relay_log_handovers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"log_id" uuid NOT NULL,
	"from_user_id" uuid,
	"to_user_id" uuid NOT NULL,
	"to_unit_id" uuid NOT NULL,
	"is_transition" boolean DEFAULT false NOT NULL,
	"leaving_unit_id" uuid,
	"message" text DEFAULT '' NOT NULL,
	"state" text DEFAULT 'pending' NOT NULL,
	"decline_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_at" timestamp with time zone,
	"reminder_sent_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "relay_log_join_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"log_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"message" text DEFAULT '' NOT NULL,
	"state" text DEFAULT 'pending' NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"reminder_sent_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "relay_log_level_changes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"log_id" uuid NOT NULL,
	"from_level" smallint,
	"to_level" smallint NOT NULL,
	"reason" text NOT NULL,
	"changed_by" uuid,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "relay_log_measures" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"log_id" uuid NOT NULL,
	"goal_id" uuid NOT NULL,
	"what" text NOT NULL,
	"responsible_kind" text NOT NULL,
	"responsible_user_id" uuid,
	"responsible_unit_id" uuid,
	"responsible_text" text,
	"place" text NOT NULL,
	"supports_measure_id" uuid,
	"starts_on" date NOT NULL,
	"due_on" date NOT NULL,
	"status" text DEFAULT 'planned' NOT NULL,
	"created_by" uuid,
	"lock_version" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "relay_log_measures_dates" CHECK ("relay_log_measures"."due_on" >= "relay_log_measures"."starts_on")
);
--> statement-breakpoint
CREATE TABLE "relay_log_meetings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"log_id" uuid NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"place" text NOT NULL,
	"agenda" text DEFAULT '' NOT NULL,
	"participant_user_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"other_participants" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'planned' NOT NULL,
	"minutes_decisions" text,
	"minutes_actions" text,
	"next_evaluation_on" date,
	"minutes_by" uuid,
	"minutes_at" timestamp with time zone,
	"ics_sequence" integer DEFAULT 0 NOT NULL,
	"created_by" uuid,
	"lock_version" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "relay_log_meetings_times" CHECK ("relay_log_meetings"."ends_at" > "relay_log_meetings"."starts_at")
);
--> statement-breakpoint
CREATE TABLE "relay_log_participants" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"log_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"added_by" uuid,
	"joined_at" timestamp with time zone DEFAULT now() NOT NULL,
	"left_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "relay_logs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"kind" text DEFAULT 'log' NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"level" smallint NOT NULL,
	"pseudonym" text,
	"child_name" text,
	"child_birth_date" date,
	"national_id_hash" text,
	"national_id_encrypted" text,
	"holder_user_id" uuid NOT NULL,
	"holder_unit_id" uuid,
	"unit_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"opened_by" uuid,
	"origin" text DEFAULT 'direct' NOT NULL,
	"closed_at" timestamp with time zone,
	"close_reason" text,
	"close_note" text,
	"closed_by" uuid,
	"archived_at" timestamp with time zone,
	"delete_after" date,
	"lock_version" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "relay_logs_level_range" CHECK ("relay_logs"."level" between 0 and 3)
);
--> statement-breakpoint
ALTER TABLE "child_welfare_reports" ADD CONSTRAINT "child_welfare_reports_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "child_welfare_reports" ADD CONSTRAINT "child_welfare_reports_log_id_relay_logs_id_fk" FOREIGN KEY ("log_id") REFERENCES "public"."relay_logs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "child_welfare_reports" ADD CONSTRAINT "child_welfare_reports_reported_by_users_id_fk" FOREIGN KEY ("reported_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "child_welfare_reports" ADD CONSTRAINT "child_welfare_reports_reporter_unit_id_units_id_fk" FOREIGN KEY ("reporter_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "next_of_kin_cases" ADD CONSTRAINT "next_of_kin_cases_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "next_of_kin_cases" ADD CONSTRAINT "next_of_kin_cases_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "next_of_kin_cases" ADD CONSTRAINT "next_of_kin_cases_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_citizen_id_citizens_id_fk" FOREIGN KEY ("citizen_id") REFERENCES "public"."citizens"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_log_id_relay_logs_id_fk" FOREIGN KEY ("log_id") REFERENCES "public"."relay_logs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relay_log_areas" ADD CONSTRAINT "relay_log_areas_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relay_log_areas" ADD CONSTRAINT "relay_log_areas_log_id_relay_logs_id_fk" FOREIGN KEY ("log_id") REFERENCES "public"."relay_logs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relay_log_areas" ADD CONSTRAINT "relay_log_areas_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relay_log_consents" ADD CONSTRAINT "relay_log_consents_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relay_log_consents" ADD CONSTRAINT "relay_log_consents_log_id_relay_logs_id_fk" FOREIGN KEY ("log_id") REFERENCES "public"."relay_logs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relay_log_consents" ADD CONSTRAINT "relay_log_consents_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relay_log_consents" ADD CONSTRAINT "relay_log_consents_recorded_by_citizen_citizens_id_fk" FOREIGN KEY ("recorded_by_citizen") REFERENCES "public"."citizens"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relay_log_consents" ADD CONSTRAINT "relay_log_consents_withdrawn_by_users_id_fk" FOREIGN KEY ("withdrawn_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relay_log_entries" ADD CONSTRAINT "relay_log_entries_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relay_log_entries" ADD CONSTRAINT "relay_log_entries_log_id_relay_logs_id_fk" FOREIGN KEY ("log_id") REFERENCES "public"."relay_logs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relay_log_entries" ADD CONSTRAINT "relay_log_entries_area_id_relay_log_areas_id_fk" FOREIGN KEY ("area_id") REFERENCES "public"."relay_log_areas"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relay_log_entries" ADD CONSTRAINT "relay_log_entries_author_user_id_users_id_fk" FOREIGN KEY ("author_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relay_log_entries" ADD CONSTRAINT "relay_log_entries_author_citizen_id_citizens_id_fk" FOREIGN KEY ("author_citizen_id") REFERENCES "public"."citizens"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relay_log_entry_versions" ADD CONSTRAINT "relay_log_entry_versions_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relay_log_entry_versions" ADD CONSTRAINT "relay_log_entry_versions_log_id_relay_logs_id_fk" FOREIGN KEY ("log_id") REFERENCES "public"."relay_logs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relay_log_entry_versions" ADD CONSTRAINT "relay_log_entry_versions_entry_id_relay_log_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."relay_log_entries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relay_log_entry_versions" ADD CONSTRAINT "relay_log_entry_versions_edited_by_users_id_fk" FOREIGN KEY ("edited_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relay_log_evaluations" ADD CONSTRAINT "relay_log_evaluations_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relay_log_evaluations" ADD CONSTRAINT "relay_log_evaluations_log_id_relay_logs_id_fk" FOREIGN KEY ("log_id") REFERENCES "public"."relay_logs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relay_log_evaluations" ADD CONSTRAINT "relay_log_evaluations_held_by_users_id_fk" FOREIGN KEY ("held_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relay_log_goal_scores" ADD CONSTRAINT "relay_log_goal_scores_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relay_log_goal_scores" ADD CONSTRAINT "relay_log_goal_scores_log_id_relay_logs_id_fk" FOREIGN KEY ("log_id") REFERENCES "public"."relay_logs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relay_log_goal_scores" ADD CONSTRAINT "relay_log_goal_scores_evaluation_id_relay_log_evaluations_id_fk" FOREIGN KEY ("evaluation_id") REFERENCES "public"."relay_log_evaluations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relay_log_goal_scores" ADD CONSTRAINT "relay_log_goal_scores_goal_id_relay_log_goals_id_fk" FOREIGN KEY ("goal_id") REFERENCES "public"."relay_log_goals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relay_log_goal_scores" ADD CONSTRAINT "relay_log_goal_scores_scorer_user_id_users_id_fk" FOREIGN KEY ("scorer_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relay_log_goal_scores" ADD CONSTRAINT "relay_log_goal_scores_scorer_citizen_id_citizens_id_fk" FOREIGN KEY ("scorer_citizen_id") REFERENCES "public"."citizens"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relay_log_goals" ADD CONSTRAINT "relay_log_goals_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relay_log_goals" ADD CONSTRAINT "relay_log_goals_log_id_relay_logs_id_fk" FOREIGN KEY ("log_id") REFERENCES "public"."relay_logs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relay_log_goals" ADD CONSTRAINT "relay_log_goals_area_id_relay_log_areas_id_fk" FOREIGN KEY ("area_id") REFERENCES "public"."relay_log_areas"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relay_log_goals" ADD CONSTRAINT "relay_log_goals_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relay_log_guardians" ADD CONSTRAINT "relay_log_guardians_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relay_log_guardians" ADD CONSTRAINT "relay_log_guardians_log_id_relay_logs_id_fk" FOREIGN KEY ("log_id") REFERENCES "public"."relay_logs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relay_log_guardians" ADD CONSTRAINT "relay_log_guardians_citizen_id_citizens_id_fk" FOREIGN KEY ("citizen_id") REFERENCES "public"."citizens"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relay_log_handovers" ADD CONSTRAINT "relay_log_handovers_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relay_log_handovers" ADD CONSTRAINT "relay_log_handovers_log_id_relay_logs_id_fk" FOREIGN KEY ("log_id") REFERENCES "public"."relay_logs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relay_log_handovers" ADD CONSTRAINT "relay_log_handovers_from_user_id_users_id_fk" FOREIGN KEY ("from_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relay_log_handovers" ADD CONSTRAINT "relay_log_handovers_to_user_id_users_id_fk" FOREIGN KEY ("to_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relay_log_handovers" ADD CONSTRAINT "relay_log_handovers_to_unit_id_units_id_fk" FOREIGN KEY ("to_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relay_log_handovers" ADD CONSTRAINT "relay_log_handovers_leaving_unit_id_units_id_fk" FOREIGN KEY ("leaving_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relay_log_join_requests" ADD CONSTRAINT "relay_log_join_requests_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relay_log_join_requests" ADD CONSTRAINT "relay_log_join_requests_log_id_relay_logs_id_fk" FOREIGN KEY ("log_id") REFERENCES "public"."relay_logs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relay_log_join_requests" ADD CONSTRAINT "relay_log_join_requests_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relay_log_join_requests" ADD CONSTRAINT "relay_log_join_requests_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relay_log_join_requests" ADD CONSTRAINT "relay_log_join_requests_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relay_log_level_changes" ADD CONSTRAINT "relay_log_level_changes_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relay_log_level_changes" ADD CONSTRAINT "relay_log_level_changes_log_id_relay_logs_id_fk" FOREIGN KEY ("log_id") REFERENCES "public"."relay_logs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relay_log_level_changes" ADD CONSTRAINT "relay_log_level_changes_changed_by_users_id_fk" FOREIGN KEY ("changed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relay_log_measures" ADD CONSTRAINT "relay_log_measures_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relay_log_measures" ADD CONSTRAINT "relay_log_measures_log_id_relay_logs_id_fk" FOREIGN KEY ("log_id") REFERENCES "public"."relay_logs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relay_log_measures" ADD CONSTRAINT "relay_log_measures_goal_id_relay_log_goals_id_fk" FOREIGN KEY ("goal_id") REFERENCES "public"."relay_log_goals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relay_log_measures" ADD CONSTRAINT "relay_log_measures_responsible_user_id_users_id_fk" FOREIGN KEY ("responsible_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relay_log_measures" ADD CONSTRAINT "relay_log_measures_responsible_unit_id_units_id_fk" FOREIGN KEY ("responsible_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relay_log_measures" ADD CONSTRAINT "relay_log_measures_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relay_log_meetings" ADD CONSTRAINT "relay_log_meetings_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relay_log_meetings" ADD CONSTRAINT "relay_log_meetings_log_id_relay_logs_id_fk" FOREIGN KEY ("log_id") REFERENCES "public"."relay_logs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relay_log_meetings" ADD CONSTRAINT "relay_log_meetings_minutes_by_users_id_fk" FOREIGN KEY ("minutes_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relay_log_meetings" ADD CONSTRAINT "relay_log_meetings_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relay_log_participants" ADD CONSTRAINT "relay_log_participants_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relay_log_participants" ADD CONSTRAINT "relay_log_participants_log_id_relay_logs_id_fk" FOREIGN KEY ("log_id") REFERENCES "public"."relay_logs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relay_log_participants" ADD CONSTRAINT "relay_log_participants_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relay_log_participants" ADD CONSTRAINT "relay_log_participants_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relay_log_participants" ADD CONSTRAINT "relay_log_participants_added_by_users_id_fk" FOREIGN KEY ("added_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relay_logs" ADD CONSTRAINT "relay_logs_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relay_logs" ADD CONSTRAINT "relay_logs_holder_user_id_users_id_fk" FOREIGN KEY ("holder_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relay_logs" ADD CONSTRAINT "relay_logs_holder_unit_id_units_id_fk" FOREIGN KEY ("holder_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relay_logs" ADD CONSTRAINT "relay_logs_opened_by_users_id_fk" FOREIGN KEY ("opened_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relay_logs" ADD CONSTRAINT "relay_logs_closed_by_users_id_fk" FOREIGN KEY ("closed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "child_welfare_reports_tenant_idx" ON "child_welfare_reports" USING btree ("tenant_id","reported_at");--> statement-breakpoint
CREATE INDEX "next_of_kin_cases_unit_idx" ON "next_of_kin_cases" USING btree ("tenant_id","unit_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "notifications_dedupe_unique" ON "notifications" USING btree ("tenant_id","dedupe_key");--> statement-breakpoint
CREATE INDEX "notifications_user_idx" ON "notifications" USING btree ("tenant_id","user_id","read_at");--> statement-breakpoint
CREATE INDEX "relay_log_areas_log_idx" ON "relay_log_areas" USING btree ("log_id","sort_order");--> statement-breakpoint
CREATE INDEX "relay_log_consents_log_idx" ON "relay_log_consents" USING btree ("log_id","expires_on");--> statement-breakpoint
CREATE INDEX "relay_log_entries_log_idx" ON "relay_log_entries" USING btree ("log_id","occurred_on");--> statement-breakpoint
CREATE UNIQUE INDEX "relay_log_entry_versions_unique" ON "relay_log_entry_versions" USING btree ("entry_id","version");--> statement-breakpoint
CREATE INDEX "relay_log_evaluations_log_idx" ON "relay_log_evaluations" USING btree ("log_id","scheduled_on");--> statement-breakpoint
CREATE UNIQUE INDEX "relay_log_goal_scores_unique" ON "relay_log_goal_scores" USING btree ("evaluation_id","goal_id","scorer_kind");--> statement-breakpoint
CREATE INDEX "relay_log_goals_log_idx" ON "relay_log_goals" USING btree ("log_id","area_id");--> statement-breakpoint
CREATE INDEX "relay_log_guardians_log_idx" ON "relay_log_guardians" USING btree ("log_id");--> statement-breakpoint
CREATE UNIQUE INDEX "relay_log_handovers_pending_unique" ON "relay_log_handovers" USING btree ("log_id") WHERE state = 'pending';--> statement-breakpoint
CREATE INDEX "relay_log_handovers_to_idx" ON "relay_log_handovers" USING btree ("tenant_id","to_user_id","state");--> statement-breakpoint
CREATE UNIQUE INDEX "relay_log_join_requests_pending_unique" ON "relay_log_join_requests" USING btree ("log_id","user_id") WHERE state = 'pending';--> statement-breakpoint
CREATE INDEX "relay_log_level_changes_log_idx" ON "relay_log_level_changes" USING btree ("log_id","changed_at");--> statement-breakpoint
CREATE INDEX "relay_log_measures_log_idx" ON "relay_log_measures" USING btree ("log_id","goal_id");--> statement-breakpoint
CREATE INDEX "relay_log_measures_due_idx" ON "relay_log_measures" USING btree ("tenant_id","due_on");--> statement-breakpoint
CREATE INDEX "relay_log_meetings_log_idx" ON "relay_log_meetings" USING btree ("log_id","starts_at");--> statement-breakpoint
CREATE UNIQUE INDEX "relay_log_participants_active_unique" ON "relay_log_participants" USING btree ("log_id","user_id") WHERE left_at is null;--> statement-breakpoint
CREATE INDEX "relay_log_participants_user_idx" ON "relay_log_participants" USING btree ("tenant_id","user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "relay_logs_open_national_id_unique" ON "relay_logs" USING btree ("tenant_id","national_id_hash") WHERE status = 'open' and national_id_hash is not null;--> statement-breakpoint
CREATE INDEX "relay_logs_name_birth_idx" ON "relay_logs" USING btree ("tenant_id",lower("child_name"),"child_birth_date");--> statement-breakpoint
CREATE INDEX "relay_logs_holder_idx" ON "relay_logs" USING btree ("tenant_id","holder_user_id","status");--> statement-breakpoint
CREATE INDEX "relay_logs_delete_after_idx" ON "relay_logs" USING btree ("delete_after") WHERE status = 'closed';