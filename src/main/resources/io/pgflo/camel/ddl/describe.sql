-- A table's description: columns, indexes and constraints (see docs/ddl.md). Shared by the source's event
-- trigger and the target's reconciliation, so both describe a table alike. Run with search_path = pg_catalog.
SELECT jsonb_build_object(
    'schema', n.nspname,
    'table', c.relname,
    'columns', COALESCE((
        SELECT jsonb_agg(jsonb_build_object(
                   'attnum', a.attnum,
                   'name', a.attname,
                   'type', format_type(a.atttypid, a.atttypmod),
                   'not_null', a.attnotnull,
                   'default', pg_get_expr(d.adbin, d.adrelid),
                   'generated', a.attgenerated <> '') ORDER BY a.attnum)
        FROM pg_attribute a
        LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
        WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped), '[]'::jsonb),
    'indexes', COALESCE((
        SELECT jsonb_agg(jsonb_build_object(
                   'oid', i.indexrelid::bigint,
                   'name', ic.relname,
                   'unique', i.indisunique,
                   'primary', i.indisprimary,
                   'constraint', EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid AND k.conrelid = c.oid),
                   'method', am.amname,
                   'keys', (SELECT jsonb_agg(pg_get_indexdef(i.indexrelid, k, false) ORDER BY k)
                            FROM generate_series(1, i.indnkeyatts) k),
                   'include', COALESCE((SELECT jsonb_agg(pg_get_indexdef(i.indexrelid, k, false) ORDER BY k)
                            FROM generate_series(i.indnkeyatts + 1, i.indnatts) k), '[]'::jsonb),
                   'expressions', i.indexprs IS NOT NULL,
                   'predicate', pg_get_expr(i.indpred, i.indrelid),
                   'definition', pg_get_indexdef(i.indexrelid),
                   -- the definition from its access method on: "btree (email) WHERE (...)"
                   'body', substr(pg_get_indexdef(i.indexrelid),
                                  strpos(pg_get_indexdef(i.indexrelid), ' USING ' || quote_ident(am.amname) || ' ') + 7),
                   'valid', i.indisvalid) ORDER BY ic.relname)
        FROM pg_index i
        JOIN pg_class ic ON ic.oid = i.indexrelid
        JOIN pg_am am ON am.oid = ic.relam
        WHERE i.indrelid = c.oid), '[]'::jsonb),
    'constraints', COALESCE((
        SELECT jsonb_agg(jsonb_build_object(
                   'name', k.conname,
                   'type', k.contype,
                   'definition', pg_get_constraintdef(k.oid),
                   'columns', COALESCE((SELECT jsonb_agg(a.attname ORDER BY u.ord)
                                        FROM unnest(k.conkey) WITH ORDINALITY u(attnum, ord)
                                        JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = u.attnum), '[]'::jsonb))
                   ORDER BY k.conname)
        FROM pg_constraint k
        WHERE k.conrelid = c.oid AND k.contype IN ('p', 'u', 'c', 'f', 'x')), '[]'::jsonb))
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.oid = {{rel}}
