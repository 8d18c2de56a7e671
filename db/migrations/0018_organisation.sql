CREATE TABLE "anchoring_activities" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"occurred_on" date NOT NULL,
	"audience_kind" text NOT NULL,
	"audience" text NOT NULL,
	"mode" text NOT NULL,
	"channel" text NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"material" text DEFAULT '' NOT NULL,
	"material_id" uuid,
	"follow_up" text DEFAULT '' NOT NULL,
	"follow_up_due_on" date,
	"follow_up_done_on" date,
	"responsible_user_id" uuid,
	"milestone_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "collaboration_arena_reviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"arena_id" uuid NOT NULL,
	"year" smallint NOT NULL,
	"reviewed_on" date NOT NULL,
	"needed" text NOT NULL,
	"works" text NOT NULL,
	"decision" text NOT NULL,
	"reasons" text NOT NULL,
	"changes" text DEFAULT '' NOT NULL,
	"reviewed_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "collaboration_arenas" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"name" text NOT NULL,
	"purpose" text NOT NULL,
	"target_groups" text[] DEFAULT '{}'::text[] NOT NULL,
	"services" text[] DEFAULT '{}'::text[] NOT NULL,
	"participants" text DEFAULT '' NOT NULL,
	"frequency" text NOT NULL,
	"frequency_note" text DEFAULT '' NOT NULL,
	"leader_user_id" uuid,
	"leader_name" text DEFAULT '' NOT NULL,
	"bti_levels" smallint[] DEFAULT '{}'::smallint[] NOT NULL,
	"unit_id" uuid,
	"closed_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "grant_budget_lines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"grant_id" uuid NOT NULL,
	"category" text NOT NULL,
	"description" text NOT NULL,
	"planned_ore" bigint NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "grant_budget_lines_planned_positive" CHECK ("grant_budget_lines"."planned_ore" >= 0)
);
--> statement-breakpoint
CREATE TABLE "grant_expenses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"line_id" uuid NOT NULL,
	"spent_on" date NOT NULL,
	"amount_ore" bigint NOT NULL,
	"description" text NOT NULL,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "grant_expenses_amount_positive" CHECK ("grant_expenses"."amount_ore" > 0)
);
--> statement-breakpoint
CREATE TABLE "grant_reporting_deadlines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"grant_id" uuid NOT NULL,
	"title" text NOT NULL,
	"due_on" date NOT NULL,
	"remind_days_before" smallint DEFAULT 14 NOT NULL,
	"submitted_on" date,
	"note" text DEFAULT '' NOT NULL,
	"reminded_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "grant_reporting_deadlines_remind_range" CHECK ("grant_reporting_deadlines"."remind_days_before" between 0 and 365)
);
--> statement-breakpoint
CREATE TABLE "grants" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"name" text NOT NULL,
	"grantor" text NOT NULL,
	"reference" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'planned' NOT NULL,
	"applied_on" date,
	"decided_on" date,
	"applied_ore" bigint,
	"granted_ore" bigint,
	"period_start" date,
	"period_end" date,
	"contact_user_id" uuid,
	"note" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "grants_applied_positive" CHECK ("grants"."applied_ore" is null or "grants"."applied_ore" >= 0),
	CONSTRAINT "grants_granted_positive" CHECK ("grants"."granted_ore" is null or "grants"."granted_ore" >= 0),
	CONSTRAINT "grants_period_order" CHECK ("grants"."period_start" is null or "grants"."period_end" is null or "grants"."period_end" >= "grants"."period_start")
);
--> statement-breakpoint
CREATE TABLE "org_group_decisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"group_id" uuid NOT NULL,
	"meeting_id" uuid,
	"decided_on" date NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"content_version_id" uuid,
	"milestone_id" uuid,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "org_group_meetings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"group_id" uuid NOT NULL,
	"meets_on" date NOT NULL,
	"time" text DEFAULT '' NOT NULL,
	"place" text DEFAULT '' NOT NULL,
	"agenda" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "org_group_members" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"group_id" uuid NOT NULL,
	"user_id" uuid,
	"name" text NOT NULL,
	"role" text DEFAULT '' NOT NULL,
	"is_chair" boolean DEFAULT false NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "org_groups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"mandate" text NOT NULL,
	"decision_authority" text DEFAULT '' NOT NULL,
	"meeting_plan" text DEFAULT '' NOT NULL,
	"closed_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "anchoring_activities" ADD CONSTRAINT "anchoring_activities_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "anchoring_activities" ADD CONSTRAINT "anchoring_activities_material_id_competence_materials_id_fk" FOREIGN KEY ("material_id") REFERENCES "public"."competence_materials"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "anchoring_activities" ADD CONSTRAINT "anchoring_activities_responsible_user_id_users_id_fk" FOREIGN KEY ("responsible_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "anchoring_activities" ADD CONSTRAINT "anchoring_activities_milestone_id_implementation_milestones_id_fk" FOREIGN KEY ("milestone_id") REFERENCES "public"."implementation_milestones"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "anchoring_activities" ADD CONSTRAINT "anchoring_activities_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "collaboration_arena_reviews" ADD CONSTRAINT "collaboration_arena_reviews_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "collaboration_arena_reviews" ADD CONSTRAINT "collaboration_arena_reviews_arena_id_collaboration_arenas_id_fk" FOREIGN KEY ("arena_id") REFERENCES "public"."collaboration_arenas"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "collaboration_arena_reviews" ADD CONSTRAINT "collaboration_arena_reviews_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "collaboration_arenas" ADD CONSTRAINT "collaboration_arenas_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "collaboration_arenas" ADD CONSTRAINT "collaboration_arenas_leader_user_id_users_id_fk" FOREIGN KEY ("leader_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "collaboration_arenas" ADD CONSTRAINT "collaboration_arenas_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_budget_lines" ADD CONSTRAINT "grant_budget_lines_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_budget_lines" ADD CONSTRAINT "grant_budget_lines_grant_id_grants_id_fk" FOREIGN KEY ("grant_id") REFERENCES "public"."grants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_expenses" ADD CONSTRAINT "grant_expenses_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_expenses" ADD CONSTRAINT "grant_expenses_line_id_grant_budget_lines_id_fk" FOREIGN KEY ("line_id") REFERENCES "public"."grant_budget_lines"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_expenses" ADD CONSTRAINT "grant_expenses_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_reporting_deadlines" ADD CONSTRAINT "grant_reporting_deadlines_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_reporting_deadlines" ADD CONSTRAINT "grant_reporting_deadlines_grant_id_grants_id_fk" FOREIGN KEY ("grant_id") REFERENCES "public"."grants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grants" ADD CONSTRAINT "grants_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grants" ADD CONSTRAINT "grants_contact_user_id_users_id_fk" FOREIGN KEY ("contact_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "org_group_decisions" ADD CONSTRAINT "org_group_decisions_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "org_group_decisions" ADD CONSTRAINT "org_group_decisions_group_id_org_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."org_groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "org_group_decisions" ADD CONSTRAINT "org_group_decisions_meeting_id_org_group_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."org_group_meetings"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "org_group_decisions" ADD CONSTRAINT "org_group_decisions_content_version_id_content_versions_id_fk" FOREIGN KEY ("content_version_id") REFERENCES "public"."content_versions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "org_group_decisions" ADD CONSTRAINT "org_group_decisions_milestone_id_implementation_milestones_id_fk" FOREIGN KEY ("milestone_id") REFERENCES "public"."implementation_milestones"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "org_group_decisions" ADD CONSTRAINT "org_group_decisions_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "org_group_meetings" ADD CONSTRAINT "org_group_meetings_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "org_group_meetings" ADD CONSTRAINT "org_group_meetings_group_id_org_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."org_groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "org_group_members" ADD CONSTRAINT "org_group_members_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "org_group_members" ADD CONSTRAINT "org_group_members_group_id_org_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."org_groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "org_group_members" ADD CONSTRAINT "org_group_members_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "org_groups" ADD CONSTRAINT "org_groups_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "anchoring_activities_tenant_idx" ON "anchoring_activities" USING btree ("tenant_id","occurred_on");--> statement-breakpoint
CREATE INDEX "anchoring_activities_material_idx" ON "anchoring_activities" USING btree ("material_id");--> statement-breakpoint
CREATE INDEX "anchoring_activities_milestone_idx" ON "anchoring_activities" USING btree ("milestone_id");--> statement-breakpoint
CREATE UNIQUE INDEX "collaboration_arena_reviews_year_unique" ON "collaboration_arena_reviews" USING btree ("arena_id","year");--> statement-breakpoint
CREATE INDEX "collaboration_arena_reviews_tenant_idx" ON "collaboration_arena_reviews" USING btree ("tenant_id","year");--> statement-breakpoint
CREATE UNIQUE INDEX "collaboration_arenas_tenant_name_unique" ON "collaboration_arenas" USING btree ("tenant_id",lower("name"));--> statement-breakpoint
CREATE INDEX "collaboration_arenas_tenant_idx" ON "collaboration_arenas" USING btree ("tenant_id");--> statement-breakpoint
CREATE INDEX "collaboration_arenas_unit_idx" ON "collaboration_arenas" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "grant_budget_lines_grant_idx" ON "grant_budget_lines" USING btree ("grant_id","position");--> statement-breakpoint
CREATE INDEX "grant_expenses_line_idx" ON "grant_expenses" USING btree ("line_id","spent_on");--> statement-breakpoint
CREATE INDEX "grant_reporting_deadlines_grant_idx" ON "grant_reporting_deadlines" USING btree ("grant_id","due_on");--> statement-breakpoint
CREATE INDEX "grant_reporting_deadlines_due_idx" ON "grant_reporting_deadlines" USING btree ("tenant_id","due_on");--> statement-breakpoint
CREATE INDEX "grants_tenant_idx" ON "grants" USING btree ("tenant_id");--> statement-breakpoint
CREATE INDEX "org_group_decisions_group_idx" ON "org_group_decisions" USING btree ("group_id","decided_on");--> statement-breakpoint
CREATE INDEX "org_group_decisions_tenant_idx" ON "org_group_decisions" USING btree ("tenant_id","decided_on");--> statement-breakpoint
CREATE INDEX "org_group_decisions_version_idx" ON "org_group_decisions" USING btree ("content_version_id");--> statement-breakpoint
CREATE INDEX "org_group_decisions_milestone_idx" ON "org_group_decisions" USING btree ("milestone_id");--> statement-breakpoint
CREATE INDEX "org_group_meetings_group_idx" ON "org_group_meetings" USING btree ("group_id","meets_on");--> statement-breakpoint
CREATE INDEX "org_group_members_group_idx" ON "org_group_members" USING btree ("group_id","position");--> statement-breakpoint
CREATE INDEX "org_group_members_user_idx" ON "org_group_members" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "org_groups_tenant_name_unique" ON "org_groups" USING btree ("tenant_id",lower("name"));--> statement-breakpoint
CREATE INDEX "org_groups_tenant_idx" ON "org_groups" USING btree ("tenant_id","kind");