package io.pgflo.camel.routing;

import io.pgflo.camel.ddl.DdlDocument;
import io.pgflo.camel.ddl.DdlDocumentException;
import io.pgflo.camel.ddl.DdlMessages;
import io.pgflo.camel.ddl.DdlRouting;
import io.pgflo.camel.ddl.TableMapping;
import io.pgflo.camel.event.ChangeEvent;
import io.pgflo.camel.event.ChangeRecord;
import io.pgflo.camel.event.ColumnInfo;
import io.pgflo.camel.event.LogicalMessageEvent;
import io.pgflo.camel.event.Operation;
import io.pgflo.camel.event.RowChange;
import io.pgflo.camel.event.TableName;
import io.pgflo.camel.event.TruncateEvent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Sends each change of a routed table to its destination: renames the table (and schema) and the columns,
 * key columns included, and drops a change whose operation the route does not list. Tracked DDL of a routed
 * table gets the same renames, whatever the route's operations. Changes of tables without a route, and other
 * logical messages, pass unchanged. It runs after the rules. Immutable and thread-safe.
 */
public final class Router {

    /** No routes: every change passes unchanged. */
    public static final Router EMPTY = new Router(Map.of());

    private final Map<TableName, Route> routes;

    Router(Map<TableName, Route> routes) {
        this.routes = new LinkedHashMap<>(routes);
    }

    /**
     * @return the routed change, the same instance when no route applies, or null when the route drops it
     * @throws RoutingException when the renames give a change two columns of the same name
     */
    public ChangeRecord route(ChangeRecord change) {
        ChangeEvent event = change.event();
        ChangeEvent routed = event;
        if (event instanceof RowChange row) {
            routed = route(row);
        } else if (event instanceof TruncateEvent truncate) {
            routed = route(truncate);
        } else if (event instanceof LogicalMessageEvent message && DdlMessages.isDdl(message) && !routes.isEmpty()) {
            routed = route(message);
        }
        if (routed == null) {
            return null;
        }
        return routed == event ? change : change.withEvent(routed);
    }

    /** The routed row change, or null when its route does not list its operation. */
    public RowChange route(RowChange change) {
        Route route = routes.get(change.table());
        if (route == null) {
            return change;
        }
        if (!route.passes(change.operation())) {
            return null;
        }
        List<ColumnInfo> columns = renamed(route, change.columns());
        if (columns == change.columns() && route.to().equals(change.table())) {
            return change;
        }
        return new RowChange(change.operation(), route.to(), columns,
                change.replicaIdentity(), change.newValues(), change.oldValues(), change.oldIsKeyOnly(),
                change.lsn(), change.transaction());
    }

    /**
     * The TRUNCATE with each routed table renamed. A routed table whose route does not list TRUNCATE is left
     * out; when no table is left, the TRUNCATE is dropped (null).
     */
    public TruncateEvent route(TruncateEvent truncate) {
        List<TableName> tables = new ArrayList<>(truncate.tables().size());
        boolean changed = false;
        for (TableName table : truncate.tables()) {
            Route route = routes.get(table);
            if (route == null) {
                tables.add(table);
            } else if (route.passes(Operation.TRUNCATE)) {
                tables.add(route.to());
                changed |= !route.to().equals(table);
            } else {
                changed = true;
            }
        }
        if (!changed) {
            return truncate;
        }
        return tables.isEmpty() ? null : new TruncateEvent(tables, truncate.cascade(), truncate.restartIdentity(),
                truncate.lsn(), truncate.transaction());
    }

    /** The DDL message with the routed table's names; unchanged when its table has no route. */
    private LogicalMessageEvent route(LogicalMessageEvent message) {
        DdlDocument document;
        try {
            document = DdlMessages.document(message);
        } catch (DdlDocumentException e) {
            // The sink reports an unreadable document with its reason; routing has nothing to rename.
            return message;
        }
        DdlDocument routed = DdlRouting.route(document, table -> {
            Route route = routes.get(table);
            return route == null ? null : new TableMapping(route.to(), route.columnRenames());
        });
        return routed == document ? message : DdlMessages.withDocument(message, routed);
    }

    /** The routed tables, in file order. */
    public Set<TableName> tables() {
        return routes.keySet();
    }

    public boolean isEmpty() {
        return routes.isEmpty();
    }

    private static List<ColumnInfo> renamed(Route route, List<ColumnInfo> columns) {
        if (route.columnRenames().isEmpty()) {
            return columns;
        }
        List<ColumnInfo> renamed = new ArrayList<>(columns.size());
        Set<String> names = new HashSet<>();
        for (ColumnInfo column : columns) {
            String name = route.rename(column.name());
            if (!names.add(name)) {
                // A rename onto a column the table already has: the target could not tell them apart.
                throw route.error("column_mappings", "renaming gives " + route.from() + " two columns named '"
                        + name + "'; expected destination names that no other column of the table has");
            }
            renamed.add(name.equals(column.name()) ? column
                    : new ColumnInfo(name, column.typeOid(), column.typeName(), column.typeModifier(), column.key()));
        }
        return renamed;
    }
}
