-- Up Migration
-- Every replica keeps slug -> URL in memory: a link created, changed or deleted tells them all,
-- whichever replica (or operator with psql) made the change. Click counts do not notify.
CREATE FUNCTION notify_link_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM pg_notify('link_changes', OLD.slug);
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    PERFORM pg_notify('link_changes', NEW.slug);
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER links_notify_change
  AFTER INSERT OR DELETE OR UPDATE OF slug, url ON links
  FOR EACH ROW EXECUTE FUNCTION notify_link_change();

-- Down Migration
DROP TRIGGER links_notify_change ON links;
DROP FUNCTION notify_link_change();
