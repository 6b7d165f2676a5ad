package io.pgflo.camel.ddl;

/**
 * A column as the source describes it after a command.
 *
 * @param attnum       the column's number in its table; it survives a rename, so a rename is the same
 *                     number under another name
 * @param type         the type as {@code format_type} prints it, schema-qualified outside pg_catalog
 * @param defaultValue the default expression, or the generation expression of a generated column; null for none
 */
public record ColumnState(int attnum, String name, String type, boolean notNull, String defaultValue, boolean generated) {

    public ColumnState withName(String newName) {
        return new ColumnState(attnum, newName, type, notNull, defaultValue, generated);
    }
}
