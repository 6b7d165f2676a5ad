package io.pgflo.camel.ddl;

import io.pgflo.camel.event.TableName;
import java.util.Map;

/**
 * Where routing sends one source table: the destination table and the column renames.
 *
 * @param columnRenames source column name to destination name; unlisted columns keep their names
 */
public record TableMapping(TableName to, Map<String, String> columnRenames) {

    public TableMapping {
        columnRenames = Map.copyOf(columnRenames);
    }

    public String column(String source) {
        return columnRenames.getOrDefault(source, source);
    }
}
