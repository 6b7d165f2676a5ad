package io.pgflo.camel.sink.file;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pgflo.camel.event.Position;
import java.io.IOException;
import java.io.InputStream;

/** Reads the top-level {@code "Position"} field of a JSON line, streaming, so a huge line costs no memory. */
final class PositionField {

    static final String NAME = "Position";

    private static final JsonFactory JSON = new ObjectMapper().getFactory().rebuild()
            .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
            .build();

    private PositionField() {
    }

    /**
     * Reads the whole line, so a line damaged after its position is rejected too.
     *
     * @param line the line's bytes; only whitespace may follow its object
     * @throws IllegalArgumentException saying why the line holds no valid position
     * @throws IOException when reading {@code line} fails
     */
    static Position read(InputStream line) throws IOException {
        try (JsonParser parser = JSON.createParser(line)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("it is not a JSON object");
            }
            Position position = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (position == null && NAME.equals(field)) {
                    if (value != JsonToken.VALUE_STRING) {
                        throw new IllegalArgumentException("its \"" + NAME + "\" is " + value + ", not a string");
                    }
                    position = Position.parse(parser.getText());
                }
                parser.skipChildren();
            }
            if (parser.nextToken() != null) {
                throw new IllegalArgumentException("more follows its JSON object");
            }
            if (position == null) {
                throw new IllegalArgumentException("it has no top-level \"" + NAME + "\" field");
            }
            return position;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("it is not valid JSON (" + e.getOriginalMessage() + ")", e);
        }
    }
}
