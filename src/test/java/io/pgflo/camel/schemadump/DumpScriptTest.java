package io.pgflo.camel.schemadump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class DumpScriptTest {

    /** The shape pg_dump 15 writes for --schema-only --no-owner, restrict lines included. */
    private static final String SCRIPT = """
            --
            -- PostgreSQL database dump
            --

            \\restrict AbC123

            -- Dumped from database version 15.20
            -- Dumped by pg_dump version 15.20

            SET statement_timeout = 0;
            SET client_encoding = 'UTF8';
            SELECT pg_catalog.set_config('search_path', '', false);
            SET check_function_bodies = false;

            --
            -- Name: app; Type: SCHEMA; Schema: -; Owner: -
            --

            CREATE SCHEMA app;


            --
            -- Name: mood; Type: TYPE; Schema: app; Owner: -
            --

            CREATE TYPE app.mood AS ENUM (
                'a',
                'b'
            );


            --
            -- Name: addr; Type: TYPE; Schema: app; Owner: -
            --

            CREATE TYPE app.addr AS (
            \ts text,
            \tm app.mood
            );


            --
            -- Name: pos; Type: DOMAIN; Schema: app; Owner: -
            --

            CREATE DOMAIN app.pos AS integer
            \tCONSTRAINT pos_check CHECK ((VALUE > 0));


            --
            -- Name: f(); Type: FUNCTION; Schema: app; Owner: -
            --

            CREATE FUNCTION app.f() RETURNS integer
                LANGUAGE sql
                AS $$select 1$$;


            --
            -- Name: parent id; Type: DEFAULT; Schema: app; Owner: -
            --

            ALTER TABLE ONLY app.parent ALTER COLUMN id SET DEFAULT nextval('app.parent_id_seq'::regclass);


            --
            -- PostgreSQL database dump complete
            --

            \\unrestrict AbC123

            """;

    @Test
    void preambleSettingsWithoutMetaCommandsOrComments() {
        assertThat(DumpScript.parse(SCRIPT).settings()).containsExactly("SET statement_timeout = 0;",
                "SET client_encoding = 'UTF8';", "SELECT pg_catalog.set_config('search_path', '', false);",
                "SET check_function_bodies = false;");
    }

    @Test
    void oneEntryPerHeaderInScriptOrder() {
        List<DumpEntry> entries = DumpScript.parse(SCRIPT).entries();
        assertThat(entries).extracting(DumpEntry::describe).containsExactly("SCHEMA app", "TYPE app.mood", "TYPE app.addr",
                "DOMAIN app.pos", "FUNCTION app.f()", "DEFAULT app.parent id");
        assertThat(entries.get(1).sql()).isEqualTo("CREATE TYPE app.mood AS ENUM (\n    'a',\n    'b'\n);");
        assertThat(entries.get(3).sql()).isEqualTo("CREATE DOMAIN app.pos AS integer\n\tCONSTRAINT pos_check CHECK ((VALUE > 0));");
    }

    @Test
    void metaCommandsAreDroppedFromEntries() {
        DumpEntry last = DumpScript.parse(SCRIPT).entries().get(5);
        assertThat(last.sql()).startsWith("ALTER TABLE ONLY app.parent").doesNotContain("\\unrestrict");
    }

    @Test
    void typesArePickedInScriptOrder() {
        List<DumpEntry> picked = DumpScript.parse(SCRIPT).types(List.of(new ObjectName("app", "pos"),
                new ObjectName("app", "addr"), new ObjectName("app", "mood")));
        assertThat(picked).extracting(DumpEntry::describe).containsExactly("TYPE app.mood", "TYPE app.addr", "DOMAIN app.pos");
    }

    @Test
    void aFunctionOrSchemaOfTheSameNameIsNotAType() {
        assertThatThrownBy(() -> DumpScript.parse(SCRIPT).types(List.of(new ObjectName("-", "app"))))
                .isInstanceOf(SchemaDumpException.class)
                .hasMessage("pg_dump's output does not create the type -.app that the group's tables use");
    }

    @Test
    void namesWithSemicolonsAndSpaces() {
        String script = "--\n-- Name: My; Type; Type: TYPE; Schema: odd schema; Owner: -\n--\n\nCREATE TYPE \"odd schema\".x AS ENUM ();\n";
        DumpEntry entry = DumpScript.parse(script).entries().get(0);
        assertThat(entry.name()).isEqualTo("My; Type");
        assertThat(entry.schema()).isEqualTo("odd schema");
        assertThat(entry.type()).isEqualTo("TYPE");
    }

    @Test
    void aScriptWithoutObjects() {
        DumpScript script = DumpScript.parse("--\n-- PostgreSQL database dump\n--\n\nSET lock_timeout = 0;\n");
        assertThat(script.entries()).isEmpty();
        assertThat(script.settings()).containsExactly("SET lock_timeout = 0;");
    }
}
