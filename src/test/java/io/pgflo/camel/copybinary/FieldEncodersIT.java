package io.pgflo.camel.copybinary;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgflo.camel.testing.TestDatabase;
import io.pgflo.camel.testing.TestServers;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every encoder against the server itself: for values a query produces, the encoder, given the value's text as
 * the source's sessions write it, must write exactly what the type's send function returns (which its receive
 * function reads back), or refuse the value. Random values in bulk as well as edge cases.
 */
class FieldEncodersIT {

    private static TestDatabase db;
    private static Connection connection;

    @BeforeAll
    static void connect() throws Exception {
        db = TestServers.postgres().createDatabase("field_encoders");
        connection = db.connect();
        try (Statement s = connection.createStatement()) {
            for (String setting : List.of("SET TimeZone = 'UTC'", "SET DateStyle = 'ISO, MDY'",
                    "SET IntervalStyle = 'postgres'", "SET extra_float_digits = 3", "SET bytea_output = 'hex'")) {
                s.execute(setting);
            }
        }
    }

    @AfterAll
    static void close() throws Exception {
        connection.close();
        db.close();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
        "bool        | boolsend        | SELECT v FROM unnest(ARRAY[true, false]) v",
        "int2        | int2send        | SELECT v::int2 FROM unnest(ARRAY[0, 1, -1, 32767, -32768]) v",
        "int4        | int4send        | SELECT v::int4 FROM unnest(ARRAY[0, 7, -7, 2147483647, -2147483648]) v"
            + " UNION ALL SELECT (random() * 4e9 - 2e9)::int4 FROM generate_series(1, 500)",
        "int8        | int8send        | SELECT v FROM unnest(ARRAY[0, 9223372036854775807, -9223372036854775808, 10, -10]::int8[]) v"
            + " UNION ALL SELECT (random() * 1.8e19 - 9e18)::int8 FROM generate_series(1, 500)",
        "numeric     | numeric_send    | SELECT v FROM unnest(ARRAY['0', '0.00', '-0.5', '1', '10000', '12345.6789', '0.0001', '0.00001',"
            + " '100000000', '-99999999.99', '1e-20', '123456789012345678901234567890.123456789',"
            + " '0.10', '10.01', '1.000100', '9999.9999', '10000.0001']::numeric[]) v"
            + " UNION ALL SELECT round(((random() - 0.5) * 10 ^ (g % 25))::numeric, g % 13) FROM generate_series(1, 2000) g"
            + " UNION ALL SELECT (g % 100000)::numeric / 100.0 FROM generate_series(1, 300) g",
        "float4      | float4send      | SELECT v FROM unnest(ARRAY['0', '-0', '1.5', '3.4028235e38', '1.4e-45', '1e-40',"
            + " '0.1', '123456.79']::float4[]) v UNION ALL SELECT (random() * 10 ^ (g % 60 - 30))::float4 FROM generate_series(1, 500) g",
        "float8      | float8send      | SELECT v FROM unnest(ARRAY['0', '-0', '0.1', '1e300', '-1e-300', '5e-324', '1.7976931348623157e308',"
            + " '123456789.123456789']::float8[]) v UNION ALL SELECT random() * 10 ^ (g % 600 - 300) FROM generate_series(1, 500) g",
        "text        | textsend        | SELECT v FROM unnest(ARRAY['', 'a', 'tab\there', 'back\\slash', 'ünïcødé ✓ 😀', repeat('x', 10000)]) v",
        "varchar     | varcharsend     | SELECT v::varchar FROM unnest(ARRAY['', 'abc', 'ünï']) v",
        "bpchar      | bpcharsend      | SELECT v::char(5) FROM unnest(ARRAY['', 'ab', 'abcde']) v",
        "json        | json_send       | SELECT v::json FROM unnest(ARRAY['{}', '{\"a\" : [1, 2.50, null]}', '\"x\"', '[ ]']) v",
        "jsonb       | jsonb_send      | SELECT v::jsonb FROM unnest(ARRAY['{}', '{\"b\": 1, \"a\": [1, 2.50, null, \"ü\"]}', '\"x\"', '[]']) v"
            + " UNION ALL SELECT jsonb_build_object('n', g, 'tag', concat('t', g % 13)) FROM generate_series(1, 100) g",
        "bytea       | byteasend       | SELECT v FROM unnest(ARRAY['\\x'::bytea, '\\x00ff10'::bytea, 'abc'::bytea]) v",
        "uuid        | uuid_send       | SELECT v::uuid FROM unnest(ARRAY['00000000-0000-0000-0000-000000000000',"
            + " 'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11', 'ffffffff-ffff-ffff-ffff-ffffffffffff']) v"
            + " UNION ALL SELECT md5(g::text)::uuid FROM generate_series(1, 100) g",
        "date        | date_send       | SELECT v::date FROM unnest(ARRAY['2000-01-01', '1999-12-31', '0001-01-01', '9999-12-31', '2024-02-29',"
            + " '1900-03-01', '2100-02-28', '1970-01-01']) v"
            + " UNION ALL SELECT date '0001-01-01' + (random() * 3652000)::int FROM generate_series(1, 1000)",
        "timestamp   | timestamp_send  | SELECT v::timestamp FROM unnest(ARRAY['2000-01-01 00:00:00', '1999-12-31 23:59:59.999999',"
            + " '0001-01-01 00:00:00', '9999-12-31 23:59:59.999999', '2024-02-29 12:00:00.5', '1960-06-15 01:02:03.000001']) v"
            + " UNION ALL SELECT timestamp '0001-01-01' + random() * interval '9998 years' FROM generate_series(1, 1000)",
        "timestamptz | timestamptz_send| SELECT v::timestamptz FROM unnest(ARRAY['2000-01-01 00:00:00+00', '2026-12-07 02:24:41.503135+00',"
            + " '0001-01-01 00:00:00+00', '1969-12-31 23:59:59.9+00']) v"
            + " UNION ALL SELECT timestamptz '0001-01-02' + random() * interval '9997 years' FROM generate_series(1, 1000)",
    })
    void writesWhatTheServerSends(String type, String send, String values) throws Exception {
        FieldEncoder encoder = FieldEncoders.forType("\"pg_catalog\".\"" + type + "\"");
        assertThat(encoder).isNotNull();
        List<String> checked = new ArrayList<>();
        try (Statement s = connection.createStatement();
             ResultSet rs = query(s, "SELECT format('%s', v), " + send + "(v) FROM (" + values + ") AS sample(v)")) {
            while (rs.next()) {
                String text = rs.getString(1);
                byte[] expected = rs.getBytes(2);
                byte[] actual = encode(encoder, text);
                assertThat(actual).as("%s %s", type, text).isNotNull();
                assertThat(HexFormat.of().formatHex(actual)).as("%s %s", type, text)
                        .isEqualTo(HexFormat.of().formatHex(expected));
                checked.add(text);
            }
        }
        assertThat(checked).isNotEmpty();
    }

    @ParameterizedTest(name = "{0} in other time zones: {1}")
    @CsvSource(delimiter = '|', value = {
        "Asia/Kolkata     | 2026-06-01 10:00:00+00",
        "America/St_Johns | 2026-01-15 23:59:59.25+00",
        "Europe/Amsterdam | 1900-01-01 12:00:00+00",
        "Pacific/Kiritimati | 2000-01-01 00:00:00+00",
    })
    void readsEveryOffsetTheServerWrites(String zone, String instant) throws Exception {
        try (Statement s = connection.createStatement()) {
            s.execute("SET TimeZone = '" + zone + "'");
            try (ResultSet rs = s.executeQuery("SELECT t::text, timestamptz_send(t) FROM (SELECT '" + instant
                    + "'::timestamptz + g * interval '1 day 1 second' AS t FROM generate_series(0, 50) g) x")) {
                while (rs.next()) {
                    byte[] actual = encode(DateTimeEncoder.TIMESTAMPTZ, rs.getString(1));
                    assertThat(actual).as(rs.getString(1)).isEqualTo(rs.getBytes(2));
                }
            }
        } finally {
            try (Statement s = connection.createStatement()) {
                s.execute("SET TimeZone = 'UTC'");
            }
        }
    }

    @ParameterizedTest(name = "{0} refuses {1}")
    @CsvSource(delimiter = '|', value = {
        "int4        | 2147483648", "int4 | 1e3", "int4 | ' 1'", "int4 | +1", "int4 | ''", "int2 | 40000",
        "int8        | 9223372036854775808", "int8 | --1",
        "numeric     | NaN", "numeric | Infinity", "numeric | 1e5", "numeric | +1", "numeric | .", "numeric | 1.2.3",
        "float8      | 1e400", "float8 | 1e-400", "float8 | 0x1p3", "float8 | 1.5d", "float8 | inf",
        "float4      | 1e39",
        "date        | infinity", "date | 2024-02-30", "date | 0044-03-15 BC", "date | 12345-01-01", "date | 2024-1-01",
        "timestamp   | -infinity", "timestamp | 2024-01-01T00:00:00", "timestamp | 2024-01-01 24:00:00",
        "timestamp   | 2024-01-01 00:00:00.1234567", "timestamp | 2024-01-01 00:00:00+00",
        "timestamptz | 2024-01-01 00:00:00", "timestamptz | 2024-01-01 00:00:00 UTC", "timestamptz | 2024-01-01 00:00:00+0",
        "timestamptz | 2024-01-01 00:00:00+16", "timestamptz | 2024-01-01 00:00:00-16:00",
        "bool        | true", "bool | yes",
        "uuid        | {a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11}", "uuid | a0eebc999c0b4ef8bb6d6bb9bd380a11",
        "uuid        | g0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11",
        "bytea       | abc", "bytea | \\x0", "bytea | \\xzz",
    })
    void refusesWhatItDoesNotKnow(String type, String text) {
        FieldEncoder encoder = FieldEncoders.forType("\"pg_catalog\".\"" + type + "\"");
        CopyBytes out = new CopyBytes(16);
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        assertThat(encoder.encode(bytes, 0, bytes.length, out)).isFalse();
        assertThat(out.size()).isZero();
    }

    /** The query, named in the failure when it fails: its text comes through a CSV source. */
    private static ResultSet query(Statement s, String sql) {
        try {
            return s.executeQuery(sql);
        } catch (java.sql.SQLException e) {
            throw new AssertionError(sql, e);
        }
    }

    /** The field's bytes without their length, or null when refused. */
    private static byte[] encode(FieldEncoder encoder, String text) {
        CopyBytes out = new CopyBytes(16);
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        // In the middle of a larger array, as a field of a row is.
        byte[] row = new byte[bytes.length + 6];
        System.arraycopy(bytes, 0, row, 3, bytes.length);
        if (!encoder.encode(row, 3, 3 + bytes.length, out)) {
            return null;
        }
        byte[] field = Arrays.copyOf(out.array(), out.size());
        int length = (field[0] & 0xFF) << 24 | (field[1] & 0xFF) << 16 | (field[2] & 0xFF) << 8 | (field[3] & 0xFF);
        assertThat(length).as("length of %s", text).isEqualTo(field.length - 4);
        return Arrays.copyOfRange(field, 4, field.length);
    }
}
