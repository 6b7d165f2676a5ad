package io.pgflo.camel.ddl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgflo.camel.event.TableName;
import java.util.List;
import org.junit.jupiter.api.Test;

class DdlDocumentCodecTest {

    /** A document as the source's event trigger writes it (jsonb's key order), trimmed to one column and index. */
    private static final String FROM_TRIGGER = """
            {"v": 1, "table": {"table": "users", "schema": "app", "columns": [{"name": "id", "type": "integer", "attnum": 1,
             "default": null, "not_null": true, "generated": false}, {"name": "status", "type": "character varying(50)",
             "attnum": 3, "default": "'active'::character varying", "not_null": false, "generated": false}],
             "indexes": [{"oid": 16435, "body": "btree (id)", "keys": ["id"], "name": "users_pkey", "valid": true,
             "method": "btree", "unique": true, "include": [], "primary": true, "predicate": null, "constraint": true,
             "definition": "CREATE UNIQUE INDEX users_pkey ON app.users USING btree (id)", "expressions": false}],
             "constraints": [{"name": "users_pkey", "type": "p", "columns": ["id"], "definition": "PRIMARY KEY (id)"}]},
             "before": null, "object": "app.users", "command": "ALTER TABLE", "statement": "ALTER TABLE app.users ADD ...",
             "object_type": "table", "concurrently": false, "a_future_field": 1}
            """;

    @Test
    void readsWhatTheTriggerWrites() {
        DdlDocument document = DdlDocumentCodec.parse(FROM_TRIGGER);
        assertThat(document.command()).isEqualTo("ALTER TABLE");
        assertThat(document.before()).isNull();
        assertThat(document.table()).isEqualTo(new TableName("app", "users"));
        assertThat(document.after().columns()).containsExactly(
                new ColumnState(1, "id", "integer", true, null, false),
                new ColumnState(3, "status", "character varying(50)", false, "'active'::character varying", false));
        IndexState pkey = document.after().indexes().get(0);
        assertThat(pkey.oid()).isEqualTo(16435);
        assertThat(pkey.primary()).isTrue();
        assertThat(pkey.body()).isEqualTo("btree (id)");
        assertThat(document.after().constraints()).containsExactly(
                new ConstraintState("users_pkey", "p", "PRIMARY KEY (id)", List.of("id")));
    }

    @Test
    void writesWhatItReads() {
        DdlDocument document = DdlDocumentCodec.parse(FROM_TRIGGER);
        DdlDocument again = DdlDocumentCodec.parse(DdlDocumentCodec.write(document.withStates(document.after(), document.after())
                .unmappable("a reason")));
        assertThat(again.after()).isEqualTo(document.after());
        assertThat(again.before()).isEqualTo(document.after());
        assertThat(again.unmappable()).isEqualTo("a reason");
        assertThat(again.statement()).isEqualTo(document.statement());
    }

    @Test
    void errorsNameTheFieldAndWhatWasExpected() {
        assertThatThrownBy(() -> DdlDocumentCodec.parse("not json")).isInstanceOf(DdlDocumentException.class)
                .hasMessageStartingWith("DDL message is not JSON");
        assertThatThrownBy(() -> DdlDocumentCodec.parse("{\"v\": 2}"))
                .hasMessage("DDL document version 2 is not supported; this worker reads version 1");
        assertThatThrownBy(() -> DdlDocumentCodec.parse("{\"v\": 1, \"command\": \"ALTER TABLE\"}"))
                .hasMessage("DDL document field 'table' is missing");
        assertThatThrownBy(() -> DdlDocumentCodec.parse(FROM_TRIGGER.replace("\"attnum\": 3", "\"attnum\": \"3\"")))
                .hasMessage("DDL document field 'table.columns[1].attnum' is \"3\"; expected an integer");
        assertThatThrownBy(() -> DdlDocumentCodec.parse(FROM_TRIGGER.replace("\"keys\": [\"id\"]", "\"keys\": [1]")))
                .hasMessage("DDL document field 'table.indexes[0].keys[0]' is 1; expected a string");
    }
}
