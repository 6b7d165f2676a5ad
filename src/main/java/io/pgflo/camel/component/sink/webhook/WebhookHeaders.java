package io.pgflo.camel.component.sink.webhook;

import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Parses the webhook sink's {@code headers} option: {@code Name:Value} pairs separated by {@code ;}, for
 * example {@code Authorization:Bearer abc;X-Tenant:7}. The value is everything after the first colon,
 * trimmed. Error messages name the header but never show a value, since values hold credentials.
 */
public final class WebhookHeaders {

    /** Headers the sink or the HTTP client sets itself. */
    private static final Set<String> RESERVED = Set.of("content-length", "host", "transfer-encoding", "connection",
            "expect", "upgrade", WebhookSigner.TIMESTAMP_HEADER.toLowerCase(Locale.ROOT),
            WebhookSigner.SIGNATURE_HEADER.toLowerCase(Locale.ROOT));

    private WebhookHeaders() {
    }

    /** The headers in configured order; empty for null or blank text. */
    public static Map<String, String> parse(String text) {
        if (text == null || text.isBlank()) {
            return Map.of();
        }
        Map<String, String> headers = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        String[] entries = text.split(";");
        for (int i = 0; i < entries.length; i++) {
            String entry = entries[i];
            if (entry.isBlank()) {
                continue;
            }
            int colon = entry.indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("entry " + (i + 1) + " of option 'headers' has no ':' between"
                        + " name and value (expected Name:Value;Name:Value)");
            }
            String name = entry.substring(0, colon).trim();
            String value = entry.substring(colon + 1).trim();
            if (!isToken(name)) {
                throw new IllegalArgumentException("entry " + (i + 1) + " of option 'headers' has no valid header name"
                        + " before its ':'");
            }
            if (RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("option 'headers' may not set " + name + "; the sink sets it");
            }
            if (name.toLowerCase(Locale.ROOT).startsWith("camel")) {
                throw new IllegalArgumentException("option 'headers' may not set " + name + "; camel-http never sends"
                        + " headers whose name starts with Camel");
            }
            if (!seen.add(name.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("option 'headers' sets " + name + " twice");
            }
            for (int c = 0; c < value.length(); c++) {
                char ch = value.charAt(c);
                if (ch == '\r' || ch == '\n' || ch == 0 || ch > 0xFF) {
                    throw new IllegalArgumentException("the value of header " + name + " in option 'headers' holds a"
                            + " line break or a character HTTP headers cannot carry");
                }
            }
            headers.put(name, value);
        }
        return Collections.unmodifiableMap(headers);
    }

    private static boolean isToken(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
