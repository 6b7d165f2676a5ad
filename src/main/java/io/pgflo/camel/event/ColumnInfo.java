package io.pgflo.camel.event;

/** A column as the source described it; {@code key} marks replica-identity columns. */
public record ColumnInfo(String name, long typeOid, String typeName, int typeModifier, boolean key) { }
