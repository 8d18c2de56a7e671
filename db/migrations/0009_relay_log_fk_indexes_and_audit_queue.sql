CREATE TABLE "audit_unsealed" (
	"event_id" bigint PRIMARY KEY NOT NULL,
	"tenant_id" uuid
);
--> statement-breakpoint
ALTER TABLE "audit_unsealed" ADD CONSTRAINT "audit_unsealed_event_id_audit_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."audit_events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_unsealed_tenant_idx" ON "audit_unsealed" USING btree ("tenant_id","event_id");--> statement-breakpoint
CREATE INDEX "child_welfare_reports_log_idx" ON "child_welfare_reports" USING btree ("log_id");--> statement-breakpoint
CREATE INDEX "notifications_log_idx" ON "notifications" USING btree ("log_id");--> statement-breakpoint
CREATE INDEX "relay_log_entries_area_idx" ON "relay_log_entries" USING btree ("area_id");--> statement-breakpoint
CREATE INDEX "relay_log_entry_versions_log_idx" ON "relay_log_entry_versions" USING btree ("log_id");--> statement-breakpoint
CREATE INDEX "relay_log_goal_scores_log_idx" ON "relay_log_goal_scores" USING btree ("log_id");--> statement-breakpoint
CREATE INDEX "relay_log_goal_scores_goal_idx" ON "relay_log_goal_scores" USING btree ("goal_id");--> statement-breakpoint
CREATE INDEX "relay_log_goals_area_idx" ON "relay_log_goals" USING btree ("area_id");--> statement-breakpoint
CREATE INDEX "relay_log_handovers_log_idx" ON "relay_log_handovers" USING btree ("log_id");--> statement-breakpoint
CREATE INDEX "relay_log_join_requests_log_idx" ON "relay_log_join_requests" USING btree ("log_id");--> statement-breakpoint
CREATE INDEX "relay_log_measures_goal_idx" ON "relay_log_measures" USING btree ("goal_id");--> statement-breakpoint
CREATE INDEX "relay_log_participants_log_idx" ON "relay_log_participants" USING btree ("log_id");