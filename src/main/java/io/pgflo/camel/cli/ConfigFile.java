package io.pgflo.camel.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * pg_flo's {@code --config} file: a YAML mapping whose keys are flag names ({@code host},
 * {@code nats-url}, ...). Lists (such as {@code tables}) become comma-separated values.
 */
public final class ConfigFile {

    private final Path path;
    private final Map<String, String> values;

    private ConfigFile(Path path, Map<String, String> values) {
        this.path = path;
        this.values = values;
    }

    public static ConfigFile none() {
        return new ConfigFile(null, Collections.emptyMap());
    }

    /** Reads the file; a key that is no flag of any command, or a value that is a mapping, is rejected. */
    public static ConfigFile load(Path path, Set<String> knownKeys) {
        JsonNode root;
        if (!Files.exists(path)) {
            throw new CliException("config file " + path + " does not exist");
        }
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(Files.readAllBytes(path));
        } catch (IOException e) {
            throw new CliException("config file " + path + " cannot be read: " + e.getMessage());
        }
        Map<String, String> values = new LinkedHashMap<>();
        if (root == null || root.isNull() || root.isMissingNode()) {
            return new ConfigFile(path, values);
        }
        if (!root.isObject()) {
            throw new CliException("config file " + path + " must be a YAML mapping of flag names to values");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String key = entry.getKey();
            if (!knownKeys.contains(key)) {
                throw new CliException("config file " + path + ": unknown key '" + key + "'; expected flag names such as "
                        + String.join(", ", knownKeys.stream().sorted().limit(12).toList()) + ", ...");
            }
            values.put(key, scalar(path, key, entry.getValue()));
        }
        return new ConfigFile(path, values);
    }

    private static String scalar(Path path, String key, JsonNode value) {
        if (value.isNull()) {
            return null;
        }
        if (value.isValueNode()) {
            return value.asText();
        }
        if (value.isArray()) {
            List<String> items = new ArrayList<>();
            for (JsonNode item : value) {
                if (!item.isValueNode()) {
                    throw new CliException("config file " + path + ": key '" + key + "' must be a list of plain values");
                }
                items.add(item.asText());
            }
            return String.join(",", items);
        }
        throw new CliException("config file " + path + ": key '" + key + "' must be a value or a list, not a mapping");
    }

    public String get(String key) {
        return values.get(key);
    }

    public String describe() {
        return path == null ? "no config file" : "config file " + path;
    }
}
