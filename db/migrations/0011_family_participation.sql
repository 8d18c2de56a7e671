CREATE TABLE "relay_log_agenda_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"log_id" uuid NOT NULL,
	"meeting_id" uuid NOT NULL,
	"citizen_id" uuid,
	"author_name" text NOT NULL,
	"text" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "relay_log_correction_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"log_id" uuid NOT NULL,
	"citizen_id" uuid,
	"author_name" text NOT NULL,
	"text" text NOT NULL,
	"state" text DEFAULT 'open' NOT NULL,
	"answer" text,
	"answered_by" uuid,
	"answered_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "relay_log_goal_voices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"log_id" uuid NOT NULL,
	"goal_id" uuid NOT NULL,
	"citizen_id" uuid,
	"voice_kind" text NOT NULL,
	"author_name" text NOT NULL,
	"text" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "relay_log_consents" ADD COLUMN "withdrawn_by_citizen" uuid;--> statement-breakpoint
ALTER TABLE "relay_log_consents" ADD COLUMN "submission_key" text;--> statement-breakpoint
ALTER TABLE "relay_log_guardians" ADD COLUMN "national_id_encrypted" text;--> statement-breakpoint
ALTER TABLE "relay_logs" ADD COLUMN "youth_guardian_access" text;--> statement-breakpoint
ALTER TABLE "relay_logs" ADD COLUMN "youth_guardian_access_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "relay_log_agenda_items" ADD CONSTRAINT "relay_log_agenda_items_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relay_log_agenda_items" ADD CONSTRAINT "relay_log_agenda_items_log_id_relay_logs_id_fk" FOREIGN KEY ("log_id") REFERENCES "public"."relay_logs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relay_log_agenda_items" ADD CONSTRAINT "relay_log_agenda_items_meeting_id_relay_log_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."relay_log_meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relay_log_agenda_items" ADD CONSTRAINT "relay_log_agenda_items_citizen_id_citizens_id_fk" FOREIGN KEY ("citizen_id") REFERENCES "public"."citizens"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relay_log_correction_requests" ADD CONSTRAINT "relay_log_correction_requests_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relay_log_correction_requests" ADD CONSTRAINT "relay_log_correction_requests_log_id_relay_logs_id_fk" FOREIGN KEY ("log_id") REFERENCES "public"."relay_logs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relay_log_correction_requests" ADD CONSTRAINT "relay_log_correction_requests_citizen_id_citizens_id_fk" FOREIGN KEY ("citizen_id") REFERENCES "public"."citizens"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relay_log_correction_requests" ADD CONSTRAINT "relay_log_correction_requests_answered_by_users_id_fk" FOREIGN KEY ("answered_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relay_log_goal_voices" ADD CONSTRAINT "relay_log_goal_voices_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relay_log_goal_voices" ADD CONSTRAINT "relay_log_goal_voices_log_id_relay_logs_id_fk" FOREIGN KEY ("log_id") REFERENCES "public"."relay_logs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relay_log_goal_voices" ADD CONSTRAINT "relay_log_goal_voices_goal_id_relay_log_goals_id_fk" FOREIGN KEY ("goal_id") REFERENCES "public"."relay_log_goals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relay_log_goal_voices" ADD CONSTRAINT "relay_log_goal_voices_citizen_id_citizens_id_fk" FOREIGN KEY ("citizen_id") REFERENCES "public"."citizens"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "relay_log_agenda_items_meeting_idx" ON "relay_log_agenda_items" USING btree ("meeting_id");--> statement-breakpoint
CREATE INDEX "relay_log_agenda_items_log_idx" ON "relay_log_agenda_items" USING btree ("log_id");--> statement-breakpoint
CREATE INDEX "relay_log_correction_requests_log_idx" ON "relay_log_correction_requests" USING btree ("log_id","state");--> statement-breakpoint
CREATE UNIQUE INDEX "relay_log_goal_voices_unique" ON "relay_log_goal_voices" USING btree ("goal_id","citizen_id");--> statement-breakpoint
CREATE INDEX "relay_log_goal_voices_log_idx" ON "relay_log_goal_voices" USING btree ("log_id");--> statement-breakpoint
ALTER TABLE "relay_log_consents" ADD CONSTRAINT "relay_log_consents_withdrawn_by_citizen_citizens_id_fk" FOREIGN KEY ("withdrawn_by_citizen") REFERENCES "public"."citizens"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "relay_log_consents_submission_unique" ON "relay_log_consents" USING btree ("tenant_id","submission_key");--> statement-breakpoint
CREATE INDEX "relay_log_guardians_national_id_idx" ON "relay_log_guardians" USING btree ("tenant_id","national_id_hash");