-- Every new audit event is queued for the sealer in the same transaction (see audit_unsealed in
-- db/schema/platform.ts). SECURITY DEFINER: the app role inserts events but never touches the
-- queue, so it cannot hide an event from sealing.
CREATE FUNCTION audit_queue_for_sealing() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  INSERT INTO audit_unsealed (event_id, tenant_id) VALUES (NEW.id, NEW.tenant_id);
  RETURN NULL;
END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION audit_queue_for_sealing() FROM PUBLIC;
--> statement-breakpoint
CREATE TRIGGER audit_events_queue_for_sealing AFTER INSERT ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_queue_for_sealing();
--> statement-breakpoint
INSERT INTO audit_unsealed (event_id, tenant_id)
  SELECT e.id, e.tenant_id FROM audit_events e
  WHERE NOT EXISTS (SELECT 1 FROM audit_chain c WHERE c.event_id = e.id);
