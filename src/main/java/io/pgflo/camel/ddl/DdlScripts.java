package io.pgflo.camel.ddl;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The SQL of DDL tracking, kept as resources: the source's capture objects, and the table description
 * that the source's trigger and the target's reconciliation share.
 */
public final class DdlScripts {

    private static final String SEPARATOR = "\n--;\n";

    private DdlScripts() {
    }

    /** The statements that install (or update) the capture objects on the source, in order. */
    public static List<String> captureStatements() {
        String script = resource("capture.sql").replace("{{describe}}", describe("rel"));
        List<String> statements = new ArrayList<>();
        for (String statement : script.split(SEPARATOR)) {
            if (!statement.isBlank()) {
                statements.add(statement.strip());
            }
        }
        return statements;
    }

    /** A query describing one table, as JSON; its one parameter is the table's oid. */
    public static String describeQuery() {
        return describe("?::oid");
    }

    private static String describe(String relation) {
        return resource("describe.sql").replace("{{rel}}", relation);
    }

    private static String resource(String name) {
        try (InputStream in = DdlScripts.class.getResourceAsStream("/io/pgflo/camel/ddl/" + name)) {
            if (in == null) {
                throw new IllegalStateException("resource io/pgflo/camel/ddl/" + name + " is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
