package io.pgflo.camel.schemadump;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A plain-format {@code pg_dump --schema-only} script split into the session settings of its preamble and
 * one entry per object, so that objects can be picked and each applied and reported on its own.
 *
 * <p>psql meta-commands (recent pg_dump versions frame the script with psql's restrict and unrestrict
 * commands) are dropped: the script is applied over JDBC, and without data sections a line
 * starting with a backslash can only be such a command.
 */
public final class DumpScript {

    /** The object type is upper-case words, which keeps a name holding "; Type: " from confusing the split. */
    private static final Pattern HEADER = Pattern.compile("^-- Name: (.*); Type: ([A-Z][A-Z ]*); Schema: (.*?); Owner: .*$");

    private final List<String> settings;
    private final List<DumpEntry> entries;

    private DumpScript(List<String> settings, List<DumpEntry> entries) {
        this.settings = List.copyOf(settings);
        this.entries = List.copyOf(entries);
    }

    public static DumpScript parse(String text) {
        String[] lines = text.split("\r?\n", -1);
        List<String> settings = new ArrayList<>();
        List<DumpEntry> entries = new ArrayList<>();
        Matcher current = null;
        StringBuilder sql = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            Matcher header = i + 1 < lines.length && line.equals("--") ? HEADER.matcher(lines[i + 1]) : null;
            if (header != null && header.matches()) {
                add(entries, current, sql);
                current = header;
                sql.setLength(0);
                i++;
                if (i + 1 < lines.length && lines[i + 1].equals("--")) {
                    i++;
                }
                continue;
            }
            if (line.startsWith("\\")) {
                continue;
            }
            if (current == null) {
                if (line.startsWith("SET ") || line.startsWith("SELECT pg_catalog.set_config(")) {
                    settings.add(line);
                }
            } else {
                sql.append(line).append('\n');
            }
        }
        add(entries, current, sql);
        return new DumpScript(settings, entries);
    }

    private static void add(List<DumpEntry> entries, Matcher header, StringBuilder sql) {
        if (header != null) {
            entries.add(new DumpEntry(header.group(1), header.group(2), header.group(3), sql.toString().strip()));
        }
    }

    /** The preamble's single-line statements ({@code SET ...}, {@code SELECT pg_catalog.set_config(...)}). */
    public List<String> settings() {
        return settings;
    }

    /** The objects in the script's order, which pg_dump sorted so that each follows what it depends on. */
    public List<DumpEntry> entries() {
        return entries;
    }

    /**
     * The entries creating these types and domains, in the script's order.
     *
     * @throws SchemaDumpException naming a type the script does not create
     */
    public List<DumpEntry> types(Collection<ObjectName> wanted) {
        List<DumpEntry> picked = new ArrayList<>();
        Set<ObjectName> found = new HashSet<>();
        for (DumpEntry entry : entries) {
            ObjectName name = new ObjectName(entry.schema(), entry.name());
            if ((entry.type().equals("TYPE") || entry.type().equals("DOMAIN")) && wanted.contains(name)) {
                picked.add(entry);
                found.add(name);
            }
        }
        for (ObjectName type : wanted) {
            if (!found.contains(type)) {
                throw new SchemaDumpException("pg_dump's output does not create the type " + type
                        + " that the group's tables use");
            }
        }
        return picked;
    }
}
