-- DDL capture for pgflo-camel (--track-ddl). Installed by the replicator under an advisory lock; every
-- statement can run again, so a newer replicator replaces older definitions. Statements are separated by
-- lines holding only "--;".
CREATE SCHEMA IF NOT EXISTS pgflo
--;
-- Rows of their own per group (one per schema of its tables): groups never share or overwrite a filter.
-- tables empty means every table of the schema.
CREATE TABLE IF NOT EXISTS pgflo.ddl_groups (
    group_name     text NOT NULL,
    schema_name    text NOT NULL,
    message_prefix text NOT NULL,
    tables         text[] NOT NULL DEFAULT '{}',
    PRIMARY KEY (group_name, schema_name)
)
--;
-- The last description of each tracked table, kept in the same transaction as its DDL, so the next
-- command can say what it changed (a renamed column keeps its attnum; a dropped index is found by oid).
CREATE TABLE IF NOT EXISTS pgflo.ddl_tables (
    relid oid PRIMARY KEY,
    state jsonb NOT NULL
)
--;
-- A table as it is now: columns, indexes and constraints. Runs with search_path = pg_catalog, so every
-- name outside pg_catalog comes schema-qualified.
CREATE OR REPLACE FUNCTION pgflo.ddl_describe(rel oid) RETURNS jsonb
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $fn$
{{describe}}$fn$
--;
-- Describes one table after a command and sends the description to every group that tracks the table,
-- each under its own prefix, as a transactional logical message: it travels in the WAL, in commit order
-- with the rows of its transaction. Temporary tables, views and our own schema are never sent.
CREATE OR REPLACE FUNCTION pgflo.ddl_emit(rel oid, command text, object_type text, object_identity text,
                                          is_concurrent boolean) RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $fn$
DECLARE
    nsp text;
    relname text;
    persistence "char";
    kind "char";
    before jsonb;
    after jsonb;
    g record;
    matched boolean := false;
BEGIN
    SELECT n.nspname, c.relname, c.relpersistence, c.relkind INTO nsp, relname, persistence, kind
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = rel;
    IF NOT FOUND OR kind NOT IN ('r', 'p') OR persistence = 't' OR nsp IN ('pgflo', 'pg_catalog', 'information_schema')
       OR nsp LIKE 'pg_temp%' OR nsp LIKE 'pg_toast%' THEN
        RETURN;
    END IF;
    SELECT t.state INTO before FROM pgflo.ddl_tables t WHERE t.relid = rel;
    after := pgflo.ddl_describe(rel);
    FOR g IN
        SELECT * FROM pgflo.ddl_groups
        WHERE (schema_name = nsp AND (cardinality(tables) = 0 OR relname = ANY (tables)))
           OR (before IS NOT NULL AND schema_name = before ->> 'schema'
               AND (cardinality(tables) = 0 OR before ->> 'table' = ANY (tables)))
        ORDER BY group_name
    LOOP
        matched := true;
        PERFORM pg_logical_emit_message(true, g.message_prefix, jsonb_build_object(
            'v', 1,
            'command', command,
            'object_type', object_type,
            'object', object_identity,
            'concurrently', is_concurrent,
            'statement', current_query(),
            'before', before,
            'table', after)::text);
    END LOOP;
    IF matched THEN
        INSERT INTO pgflo.ddl_tables AS t (relid, state) VALUES (rel, after)
        ON CONFLICT (relid) DO UPDATE SET state = EXCLUDED.state;
        -- A group that names the table keeps following it under its new name.
        IF before IS NOT NULL AND before ->> 'table' <> relname THEN
            UPDATE pgflo.ddl_groups SET tables = array_replace(tables, before ->> 'table', relname)
            WHERE schema_name = before ->> 'schema' AND before ->> 'table' = ANY (tables);
        END IF;
    END IF;
END
$fn$
--;
-- Only the event triggers' functions (security definer, owned by the installer) call it.
REVOKE ALL ON FUNCTION pgflo.ddl_emit(oid, text, text, text, boolean) FROM PUBLIC
--;
CREATE OR REPLACE FUNCTION pgflo.ddl_command_end() RETURNS event_trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
DECLARE
    cmd record;
    rel oid;
    seen oid[] := '{}';
    created oid[] := '{}';
BEGIN
    -- Tables created by this statement are only described (the next command then knows their state);
    -- creating tables on the target is schema sync's job.
    SELECT coalesce(array_agg(objid), '{}') INTO created FROM pg_event_trigger_ddl_commands()
    WHERE classid = 'pg_class'::regclass AND command_tag IN ('CREATE TABLE', 'CREATE TABLE AS', 'SELECT INTO');
    FOR cmd IN SELECT * FROM pg_event_trigger_ddl_commands() WHERE classid = 'pg_class'::regclass LOOP
        IF cmd.object_type IN ('table', 'table column') THEN
            rel := cmd.objid;
        ELSIF cmd.object_type = 'index' THEN
            SELECT i.indrelid INTO rel FROM pg_index i WHERE i.indexrelid = cmd.objid;
        ELSE
            CONTINUE;
        END IF;
        IF rel IS NULL OR rel = ANY (seen) THEN
            CONTINUE;
        END IF;
        seen := seen || rel;
        IF rel = ANY (created) THEN
            IF EXISTS (SELECT 1 FROM pgflo.ddl_groups g JOIN pg_namespace n ON n.nspname = g.schema_name
                       JOIN pg_class c ON c.relnamespace = n.oid
                       WHERE c.oid = rel AND c.relpersistence <> 't'
                         AND (cardinality(g.tables) = 0 OR c.relname = ANY (g.tables))) THEN
                INSERT INTO pgflo.ddl_tables AS t (relid, state) VALUES (rel, pgflo.ddl_describe(rel))
                ON CONFLICT (relid) DO UPDATE SET state = EXCLUDED.state;
            END IF;
            CONTINUE;
        END IF;
        -- CREATE INDEX CONCURRENTLY reports its command in its last transaction, with a valid index like a
        -- plain CREATE INDEX; only the statement tells them apart.
        PERFORM pgflo.ddl_emit(rel, cmd.command_tag, cmd.object_type, cmd.object_identity,
            cmd.command_tag = 'CREATE INDEX' AND current_query() ~* '\mcreate\s+(unique\s+)?index\s+concurrently\M');
    END LOOP;
END
$fn$
--;
-- DROP INDEX reports nothing at ddl_command_end; its table is found through the index's oid in the table's
-- last description. Dropped tables leave the descriptions (the target keeps its table).
CREATE OR REPLACE FUNCTION pgflo.ddl_sql_drop() RETURNS event_trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
DECLARE
    obj record;
    rel oid;
    seen oid[] := '{}';
BEGIN
    FOR obj IN SELECT * FROM pg_event_trigger_dropped_objects() LOOP
        IF obj.object_type = 'table' THEN
            DELETE FROM pgflo.ddl_tables WHERE relid = obj.objid;
        ELSIF obj.object_type = 'index' AND obj.original AND tg_tag = 'DROP INDEX' THEN
            FOR rel IN SELECT t.relid FROM pgflo.ddl_tables t
                       WHERE t.state -> 'indexes' @> jsonb_build_array(jsonb_build_object('oid', obj.objid::bigint))
            LOOP
                IF NOT rel = ANY (seen) THEN
                    seen := seen || rel;
                    PERFORM pgflo.ddl_emit(rel, 'DROP INDEX', 'index', obj.object_identity,
                        current_query() ~* '\mdrop\s+index\s+concurrently\M');
                END IF;
            END LOOP;
        END IF;
    END LOOP;
END
$fn$
--;
-- Recreated on each start, in the installing transaction, so a newer version's tag lists take effect;
-- other sessions see the old triggers or the new ones, never none.
DROP EVENT TRIGGER IF EXISTS pgflo_ddl_command_end
--;
CREATE EVENT TRIGGER pgflo_ddl_command_end ON ddl_command_end
    WHEN TAG IN ('ALTER TABLE', 'CREATE INDEX', 'ALTER INDEX', 'CREATE TABLE', 'CREATE TABLE AS', 'SELECT INTO')
    EXECUTE FUNCTION pgflo.ddl_command_end()
--;
DROP EVENT TRIGGER IF EXISTS pgflo_ddl_sql_drop
--;
CREATE EVENT TRIGGER pgflo_ddl_sql_drop ON sql_drop
    WHEN TAG IN ('DROP INDEX', 'DROP TABLE')
    EXECUTE FUNCTION pgflo.ddl_sql_drop()
