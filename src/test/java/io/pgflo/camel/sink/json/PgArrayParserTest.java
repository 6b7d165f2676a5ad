package io.pgflo.camel.sink.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PgArrayParserTest {

    private static String texts(String arrayText) throws Exception {
        return PgFloJson.write(PgArrayParser.parse(arrayText, ',', TextNode::valueOf));
    }

    @Test
    void unquotedElements() throws Exception {
        assertThat(texts("{a,b,c}")).isEqualTo("[\"a\",\"b\",\"c\"]");
    }

    @Test
    void emptyArrayIsEmptyJsonArray() throws Exception {
        assertThat(texts("{}")).isEqualTo("[]");
    }

    @Test
    void quotedElementsUnescapeQuotesAndBackslashes() throws Exception {
        // The text array {'a"b', 'c\d', 'e\\"f'} as array_out prints it.
        assertThat(texts("{\"a\\\"b\",\"c\\\\d\",\"e\\\\\\\\\\\"f\"}"))
                .isEqualTo("[\"a\\\"b\",\"c\\\\d\",\"e\\\\\\\\\\\"f\"]");
    }

    @Test
    void quotedElementsKeepDelimitersBracesAndWhitespace() throws Exception {
        assertThat(texts("{\"x,y\",\"{z}\",\" padded \",\"tab\there\",\"line\nnext\",\"\"}"))
                .isEqualTo("[\"x,y\",\"{z}\",\" padded \",\"tab\\there\",\"line\\nnext\",\"\"]");
    }

    @Test
    void unquotedNullIsJsonNullInAnyCaseButQuotedNullIsText() throws Exception {
        assertThat(texts("{NULL,\"NULL\",null,\"null\",NULLS}")).isEqualTo("[null,\"NULL\",null,\"null\",\"NULLS\"]");
    }

    @Test
    void escapedNullIsText() throws Exception {
        assertThat(texts("{\\NULL}")).isEqualTo("[\"NULL\"]");
    }

    @Test
    void nullElementIsNotPassedToTheElementTyper() throws Exception {
        String json = PgFloJson.write(PgArrayParser.parse("{1,NULL,3}", ',', text -> LongNode.valueOf(Long.parseLong(text))));
        assertThat(json).isEqualTo("[1,null,3]");
    }

    @Test
    void twoDimensions() throws Exception {
        assertThat(texts("{{a,b},{c,NULL}}")).isEqualTo("[[\"a\",\"b\"],[\"c\",null]]");
    }

    @Test
    void threeDimensions() throws Exception {
        assertThat(texts("{{{1},{2}},{{3},{4}}}")).isEqualTo("[[[\"1\"],[\"2\"]],[[\"3\"],[\"4\"]]]");
    }

    @Test
    void explicitBoundsAreIgnored() throws Exception {
        assertThat(texts("[0:1]={a,b}")).isEqualTo("[\"a\",\"b\"]");
        assertThat(texts("[-2:-1][3:4]={{a,b},{c,d}}")).isEqualTo("[[\"a\",\"b\"],[\"c\",\"d\"]]");
    }

    @Test
    void whitespaceAroundElementsIsIgnoredAsArrayInDoes() throws Exception {
        assertThat(texts(" { a , \"b\" , c d } ")).isEqualTo("[\"a\",\"b\",\"c d\"]");
        assertThat(texts("{ {1 , 2} , {3,4} }")).isEqualTo("[[\"1\",\"2\"],[\"3\",\"4\"]]");
    }

    @Test
    void escapedTrailingSpaceInUnquotedElementIsKept() throws Exception {
        assertThat(texts("{a\\ ,b}")).isEqualTo("[\"a \",\"b\"]");
    }

    @Test
    void boxArraysSplitOnSemicolonOnly() throws Exception {
        String json = PgFloJson.write(PgArrayParser.parse("{(1,1),(0,0);(3,3),(2,2)}", ';', TextNode::valueOf));
        assertThat(json).isEqualTo("[\"(1,1),(0,0)\",\"(3,3),(2,2)\"]");
    }

    @Test
    void nonAsciiTextIsKept() throws Exception {
        assertThat(texts("{\"é ü\",日本}")).isEqualTo("[\"é ü\",\"日本\"]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1,2", "{1,2", "{1,2}}", "{1,2} x", "{\"a}", "{a,,b}", "{,}", "{a\"b\"}",
            "{{1},2}", "{1,{2}}", "{{{{{{{1}}}}}}}", "[0:1]{1,2}", "{a\\"})
    void rejectsTextThatIsNotAnArray(String text) {
        assertThatThrownBy(() -> PgArrayParser.parse(text, ',', TextNode::valueOf))
                .isInstanceOf(MalformedPgTextException.class)
                .hasMessageContaining("not an array's text form");
    }

    @Test
    void sixDimensionsAreAllowed() throws Exception {
        assertThat(texts("{{{{{{1}}}}}}")).isEqualTo("[[[[[[\"1\"]]]]]]");
    }
}
