package io.pgflo.camel.event;

import io.pgflo.camel.pgoutput.Lsn;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * A message written with {@code pg_logical_emit_message}. Only transactional messages reach a
 * committed transaction's events; non-transactional ones arrive with an empty transaction context.
 */
public record LogicalMessageEvent(String prefix, byte[] content, boolean transactional, Lsn lsn,
                                  TransactionInfo transaction) implements ChangeEvent {

    public LogicalMessageEvent {
        content = content.clone();
    }

    @Override
    public byte[] content() {
        return content.clone();
    }

    /** The content read as UTF-8, which is how {@code pg_logical_emit_message(bool, text, text)} writes it. */
    public String contentText() {
        return new String(content, StandardCharsets.UTF_8);
    }

    @Override
    public Operation operation() {
        return Operation.MESSAGE;
    }

    @Override
    public int estimatedSize() {
        return 64 + prefix.length() + content.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LogicalMessageEvent m && transactional == m.transactional && prefix.equals(m.prefix)
                && Arrays.equals(content, m.content) && lsn.equals(m.lsn) && Objects.equals(transaction, m.transaction);
    }

    @Override
    public int hashCode() {
        return Objects.hash(prefix, Arrays.hashCode(content), transactional, lsn, transaction);
    }

    @Override
    public String toString() {
        return "LogicalMessageEvent[prefix=" + prefix + ", content=" + contentText() + ", lsn=" + lsn + "]";
    }
}
