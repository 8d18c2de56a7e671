CREATE TABLE "unit_bts_contacts" (
	"tenant_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"appointed_by" uuid,
	"appointed_on" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "unit_bts_contacts_unit_id_user_id_pk" PRIMARY KEY("unit_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "bts_network_agenda_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"meeting_id" uuid NOT NULL,
	"title" text NOT NULL,
	"detail" text DEFAULT '' NOT NULL,
	"proposed_by" uuid,
	"unit_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "bts_network_attendance" (
	"tenant_id" uuid NOT NULL,
	"meeting_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"unit_id" uuid,
	"present" boolean NOT NULL,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "bts_network_attendance_meeting_id_user_id_pk" PRIMARY KEY("meeting_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "bts_network_meetings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"network_id" uuid NOT NULL,
	"meets_on" date NOT NULL,
	"starts_at" text DEFAULT '' NOT NULL,
	"place" text DEFAULT '' NOT NULL,
	"theme" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'planned' NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "bts_network_unit_notes" (
	"tenant_id" uuid NOT NULL,
	"meeting_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"done" text DEFAULT '' NOT NULL,
	"wise" text DEFAULT '' NOT NULL,
	"learned" text DEFAULT '' NOT NULL,
	"written_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "bts_network_unit_notes_meeting_id_unit_id_pk" PRIMARY KEY("meeting_id","unit_id")
);
--> statement-breakpoint
CREATE TABLE "bts_network_units" (
	"tenant_id" uuid NOT NULL,
	"network_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	CONSTRAINT "bts_network_units_network_id_unit_id_pk" PRIMARY KEY("network_id","unit_id")
);
--> statement-breakpoint
CREATE TABLE "bts_networks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"leader_user_id" uuid,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "competence_materials" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"component_id" uuid,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"body" text DEFAULT '' NOT NULL,
	"url" text,
	"file_data" "bytea",
	"file_name" text,
	"file_type" text,
	"file_size" integer,
	"position" integer DEFAULT 0 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "implementation_core_components" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "implementation_dosing_periods" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"component_id" uuid NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dosing_periods_order" CHECK ("implementation_dosing_periods"."ends_on" >= "implementation_dosing_periods"."starts_on")
);
--> statement-breakpoint
CREATE TABLE "implementation_milestones" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"kind" text DEFAULT 'activity' NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"continuous" boolean DEFAULT false NOT NULL,
	"responsible" text NOT NULL,
	"done_on" date,
	"evaluation_milestone_id" uuid,
	"component_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "milestones_order" CHECK ("implementation_milestones"."ends_on" >= "implementation_milestones"."starts_on")
);
--> statement-breakpoint
CREATE TABLE "onboarding_step_completions" (
	"tenant_id" uuid NOT NULL,
	"onboarding_id" uuid NOT NULL,
	"step_id" uuid NOT NULL,
	"completed_on" date NOT NULL,
	"confirmed_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "onboarding_step_completions_onboarding_id_step_id_pk" PRIMARY KEY("onboarding_id","step_id")
);
--> statement-breakpoint
CREATE TABLE "onboarding_steps" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "onboardings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"started_on" date NOT NULL,
	"due_on" date NOT NULL,
	"completed_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "implementation_responsibilities" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"holder" text NOT NULL,
	"duty" text NOT NULL,
	"how" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "implementation_risks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"level" text NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"likelihood" smallint NOT NULL,
	"consequence" smallint NOT NULL,
	"measures" text DEFAULT '' NOT NULL,
	"owner_user_id" uuid,
	"review_on" date NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "risks_likelihood" CHECK ("implementation_risks"."likelihood" between 1 and 5),
	CONSTRAINT "risks_consequence" CHECK ("implementation_risks"."consequence" between 1 and 5)
);
--> statement-breakpoint
CREATE TABLE "training_evaluations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"event_id" uuid NOT NULL,
	"overall" smallint NOT NULL,
	"usefulness" smallint NOT NULL,
	"best_part" text DEFAULT '' NOT NULL,
	"improve" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "training_evaluations_overall" CHECK ("training_evaluations"."overall" between 1 and 5),
	CONSTRAINT "training_evaluations_usefulness" CHECK ("training_evaluations"."usefulness" between 1 and 5)
);
--> statement-breakpoint
CREATE TABLE "training_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"place" text DEFAULT '' NOT NULL,
	"capacity" integer,
	"registration_deadline" date,
	"component_id" uuid,
	"milestone_id" uuid,
	"cancelled_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "training_events_order" CHECK ("training_events"."ends_at" >= "training_events"."starts_at")
);
--> statement-breakpoint
CREATE TABLE "training_invitations" (
	"tenant_id" uuid NOT NULL,
	"event_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"invited_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "training_invitations_event_id_unit_id_pk" PRIMARY KEY("event_id","unit_id")
);
--> statement-breakpoint
CREATE TABLE "training_registrations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"event_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"unit_id" uuid,
	"registered_by" uuid,
	"attended" boolean,
	"evaluated_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "unit_implementation" (
	"unit_id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"pilot" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "unit_stage_changes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"stage" text NOT NULL,
	"changed_on" date NOT NULL,
	"reason" text NOT NULL,
	"changed_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "unit_bts_contacts" ADD CONSTRAINT "unit_bts_contacts_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unit_bts_contacts" ADD CONSTRAINT "unit_bts_contacts_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unit_bts_contacts" ADD CONSTRAINT "unit_bts_contacts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unit_bts_contacts" ADD CONSTRAINT "unit_bts_contacts_appointed_by_users_id_fk" FOREIGN KEY ("appointed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bts_network_agenda_items" ADD CONSTRAINT "bts_network_agenda_items_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bts_network_agenda_items" ADD CONSTRAINT "bts_network_agenda_items_meeting_id_bts_network_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."bts_network_meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bts_network_agenda_items" ADD CONSTRAINT "bts_network_agenda_items_proposed_by_users_id_fk" FOREIGN KEY ("proposed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bts_network_agenda_items" ADD CONSTRAINT "bts_network_agenda_items_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bts_network_attendance" ADD CONSTRAINT "bts_network_attendance_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bts_network_attendance" ADD CONSTRAINT "bts_network_attendance_meeting_id_bts_network_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."bts_network_meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bts_network_attendance" ADD CONSTRAINT "bts_network_attendance_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bts_network_attendance" ADD CONSTRAINT "bts_network_attendance_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bts_network_attendance" ADD CONSTRAINT "bts_network_attendance_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bts_network_meetings" ADD CONSTRAINT "bts_network_meetings_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bts_network_meetings" ADD CONSTRAINT "bts_network_meetings_network_id_bts_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."bts_networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bts_network_unit_notes" ADD CONSTRAINT "bts_network_unit_notes_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bts_network_unit_notes" ADD CONSTRAINT "bts_network_unit_notes_meeting_id_bts_network_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."bts_network_meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bts_network_unit_notes" ADD CONSTRAINT "bts_network_unit_notes_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bts_network_unit_notes" ADD CONSTRAINT "bts_network_unit_notes_written_by_users_id_fk" FOREIGN KEY ("written_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bts_network_units" ADD CONSTRAINT "bts_network_units_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bts_network_units" ADD CONSTRAINT "bts_network_units_network_id_bts_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."bts_networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bts_network_units" ADD CONSTRAINT "bts_network_units_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bts_networks" ADD CONSTRAINT "bts_networks_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bts_networks" ADD CONSTRAINT "bts_networks_leader_user_id_users_id_fk" FOREIGN KEY ("leader_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "competence_materials" ADD CONSTRAINT "competence_materials_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "competence_materials" ADD CONSTRAINT "competence_materials_component_id_implementation_core_components_id_fk" FOREIGN KEY ("component_id") REFERENCES "public"."implementation_core_components"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "competence_materials" ADD CONSTRAINT "competence_materials_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "implementation_core_components" ADD CONSTRAINT "implementation_core_components_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "implementation_dosing_periods" ADD CONSTRAINT "implementation_dosing_periods_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "implementation_dosing_periods" ADD CONSTRAINT "implementation_dosing_periods_component_id_implementation_core_components_id_fk" FOREIGN KEY ("component_id") REFERENCES "public"."implementation_core_components"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "implementation_milestones" ADD CONSTRAINT "implementation_milestones_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "implementation_milestones" ADD CONSTRAINT "implementation_milestones_evaluation_milestone_id_implementation_milestones_id_fk" FOREIGN KEY ("evaluation_milestone_id") REFERENCES "public"."implementation_milestones"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "implementation_milestones" ADD CONSTRAINT "implementation_milestones_component_id_implementation_core_components_id_fk" FOREIGN KEY ("component_id") REFERENCES "public"."implementation_core_components"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "implementation_milestones" ADD CONSTRAINT "implementation_milestones_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "onboarding_step_completions" ADD CONSTRAINT "onboarding_step_completions_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "onboarding_step_completions" ADD CONSTRAINT "onboarding_step_completions_onboarding_id_onboardings_id_fk" FOREIGN KEY ("onboarding_id") REFERENCES "public"."onboardings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "onboarding_step_completions" ADD CONSTRAINT "onboarding_step_completions_step_id_onboarding_steps_id_fk" FOREIGN KEY ("step_id") REFERENCES "public"."onboarding_steps"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "onboarding_step_completions" ADD CONSTRAINT "onboarding_step_completions_confirmed_by_users_id_fk" FOREIGN KEY ("confirmed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "onboarding_steps" ADD CONSTRAINT "onboarding_steps_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "onboardings" ADD CONSTRAINT "onboardings_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "onboardings" ADD CONSTRAINT "onboardings_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "onboardings" ADD CONSTRAINT "onboardings_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "onboardings" ADD CONSTRAINT "onboardings_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "implementation_responsibilities" ADD CONSTRAINT "implementation_responsibilities_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "implementation_risks" ADD CONSTRAINT "implementation_risks_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "implementation_risks" ADD CONSTRAINT "implementation_risks_owner_user_id_users_id_fk" FOREIGN KEY ("owner_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_evaluations" ADD CONSTRAINT "training_evaluations_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_evaluations" ADD CONSTRAINT "training_evaluations_event_id_training_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."training_events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_events" ADD CONSTRAINT "training_events_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_events" ADD CONSTRAINT "training_events_component_id_implementation_core_components_id_fk" FOREIGN KEY ("component_id") REFERENCES "public"."implementation_core_components"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_events" ADD CONSTRAINT "training_events_milestone_id_implementation_milestones_id_fk" FOREIGN KEY ("milestone_id") REFERENCES "public"."implementation_milestones"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_events" ADD CONSTRAINT "training_events_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_invitations" ADD CONSTRAINT "training_invitations_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_invitations" ADD CONSTRAINT "training_invitations_event_id_training_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."training_events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_invitations" ADD CONSTRAINT "training_invitations_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_invitations" ADD CONSTRAINT "training_invitations_invited_by_users_id_fk" FOREIGN KEY ("invited_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_registrations" ADD CONSTRAINT "training_registrations_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_registrations" ADD CONSTRAINT "training_registrations_event_id_training_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."training_events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_registrations" ADD CONSTRAINT "training_registrations_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_registrations" ADD CONSTRAINT "training_registrations_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_registrations" ADD CONSTRAINT "training_registrations_registered_by_users_id_fk" FOREIGN KEY ("registered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unit_implementation" ADD CONSTRAINT "unit_implementation_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unit_implementation" ADD CONSTRAINT "unit_implementation_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unit_stage_changes" ADD CONSTRAINT "unit_stage_changes_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unit_stage_changes" ADD CONSTRAINT "unit_stage_changes_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unit_stage_changes" ADD CONSTRAINT "unit_stage_changes_changed_by_users_id_fk" FOREIGN KEY ("changed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "unit_bts_contacts_user_idx" ON "unit_bts_contacts" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "unit_bts_contacts_tenant_idx" ON "unit_bts_contacts" USING btree ("tenant_id");--> statement-breakpoint
CREATE INDEX "bts_network_agenda_meeting_idx" ON "bts_network_agenda_items" USING btree ("meeting_id");--> statement-breakpoint
CREATE INDEX "bts_network_attendance_unit_idx" ON "bts_network_attendance" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "bts_network_attendance_user_idx" ON "bts_network_attendance" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "bts_network_meetings_network_idx" ON "bts_network_meetings" USING btree ("network_id","meets_on");--> statement-breakpoint
CREATE INDEX "bts_network_unit_notes_unit_idx" ON "bts_network_unit_notes" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "bts_network_units_unit_idx" ON "bts_network_units" USING btree ("unit_id");--> statement-breakpoint
CREATE UNIQUE INDEX "bts_networks_tenant_name_unique" ON "bts_networks" USING btree ("tenant_id",lower("name"));--> statement-breakpoint
CREATE INDEX "competence_materials_component_idx" ON "competence_materials" USING btree ("tenant_id","component_id");--> statement-breakpoint
CREATE UNIQUE INDEX "core_components_tenant_title_unique" ON "implementation_core_components" USING btree ("tenant_id",lower("title"));--> statement-breakpoint
CREATE INDEX "core_components_tenant_idx" ON "implementation_core_components" USING btree ("tenant_id","position");--> statement-breakpoint
CREATE INDEX "dosing_periods_tenant_idx" ON "implementation_dosing_periods" USING btree ("tenant_id","starts_on");--> statement-breakpoint
CREATE INDEX "dosing_periods_component_idx" ON "implementation_dosing_periods" USING btree ("component_id");--> statement-breakpoint
CREATE INDEX "milestones_tenant_idx" ON "implementation_milestones" USING btree ("tenant_id","starts_on");--> statement-breakpoint
CREATE INDEX "milestones_evaluation_idx" ON "implementation_milestones" USING btree ("evaluation_milestone_id");--> statement-breakpoint
CREATE INDEX "milestones_component_idx" ON "implementation_milestones" USING btree ("component_id");--> statement-breakpoint
CREATE INDEX "onboarding_step_completions_step_idx" ON "onboarding_step_completions" USING btree ("step_id");--> statement-breakpoint
CREATE INDEX "onboarding_steps_tenant_idx" ON "onboarding_steps" USING btree ("tenant_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "onboardings_user_unit_unique" ON "onboardings" USING btree ("user_id","unit_id");--> statement-breakpoint
CREATE INDEX "onboardings_unit_idx" ON "onboardings" USING btree ("tenant_id","unit_id");--> statement-breakpoint
CREATE INDEX "responsibilities_tenant_idx" ON "implementation_responsibilities" USING btree ("tenant_id","position");--> statement-breakpoint
CREATE INDEX "risks_tenant_idx" ON "implementation_risks" USING btree ("tenant_id","review_on");--> statement-breakpoint
CREATE INDEX "training_evaluations_event_idx" ON "training_evaluations" USING btree ("event_id");--> statement-breakpoint
CREATE INDEX "training_events_tenant_idx" ON "training_events" USING btree ("tenant_id","starts_at");--> statement-breakpoint
CREATE INDEX "training_invitations_unit_idx" ON "training_invitations" USING btree ("unit_id");--> statement-breakpoint
CREATE UNIQUE INDEX "training_registrations_event_user_unique" ON "training_registrations" USING btree ("event_id","user_id");--> statement-breakpoint
CREATE INDEX "training_registrations_user_idx" ON "training_registrations" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "training_registrations_unit_idx" ON "training_registrations" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "unit_implementation_tenant_idx" ON "unit_implementation" USING btree ("tenant_id");--> statement-breakpoint
CREATE INDEX "unit_stage_changes_unit_idx" ON "unit_stage_changes" USING btree ("unit_id","changed_on");