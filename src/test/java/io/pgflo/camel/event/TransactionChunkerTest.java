package io.pgflo.camel.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgflo.camel.pgoutput.Lsn;
import io.pgflo.camel.pgoutput.Xid;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TransactionChunkerTest {

    private static final Instant TS = Instant.parse("2024-05-06T07:08:09Z");
    private static final TransactionInfo TX = new TransactionInfo(new Xid(7), Lsn.parse("0/1000"), TS, null);
    private static final TransactionInfo TX2 = new TransactionInfo(new Xid(8), Lsn.parse("0/2000"), TS, null);
    private static final Lsn END = Lsn.parse("0/1030");

    private final List<ChangeChunk> chunks = new ArrayList<>();

    /** A transactional event whose estimatedSize is exactly {@code size} (at least 65). */
    private static LogicalMessageEvent event(int n, int size, TransactionInfo tx) {
        LogicalMessageEvent event = new LogicalMessageEvent("p", new byte[size - 65], true, Lsn.of(0x1000 + n), tx);
        assertThat(event.estimatedSize()).isEqualTo(size);
        return event;
    }

    private static LogicalMessageEvent event(int n) {
        return event(n, 65, TX);
    }

    private static List<ChangeEvent> events(int count) {
        List<ChangeEvent> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(event(i));
        }
        return events;
    }

    private TransactionChunker chunker(int maxEvents, long maxBytes) {
        return new TransactionChunker(maxEvents, maxBytes, chunks::add);
    }

    private static List<Integer> sizes(List<ChangeChunk> chunks) {
        return chunks.stream().map(c -> c.events().size()).toList();
    }

    private void runTransaction(TransactionChunker chunker, List<ChangeEvent> events) {
        chunker.begin(TX);
        events.forEach(chunker::add);
        chunker.commit(END);
    }

    @ParameterizedTest(name = "{0} events, max {1} -> chunks {2}")
    @CsvSource(delimiter = ';', value = {
        "0; 3; 0",
        "1; 3; 1",
        "2; 3; 2",
        "3; 3; 3",
        "4; 3; 3,1",
        "5; 3; 3,2",
        "6; 3; 3,3",
        "7; 3; 3,3,1",
        "3; 1; 1,1,1",
        "1; 1; 1",
        "10; 4; 4,4,2",
    })
    void cutsTransactionAtExactEventBoundaries(int count, int maxEvents, String expectedSizes) {
        List<ChangeEvent> input = events(count);

        runTransaction(chunker(maxEvents, Long.MAX_VALUE), input);

        List<Integer> expected = java.util.Arrays.stream(expectedSizes.split(",")).map(Integer::valueOf).toList();
        assertThat(sizes(chunks)).isEqualTo(expected);
        assertThat(chunks).extracting(ChangeChunk::index)
                .containsExactlyElementsOf(java.util.stream.IntStream.range(0, expected.size()).boxed().toList());
        assertThat(chunks).extracting(ChangeChunk::transaction).containsOnly(TX);
        assertThat(chunks.subList(0, chunks.size() - 1)).allSatisfy(chunk -> {
            assertThat(chunk.last()).isFalse();
            assertThat(chunk.endLsn()).isNull();
        });
        ChangeChunk last = chunks.get(chunks.size() - 1);
        assertThat(last.last()).isTrue();
        assertThat(last.endLsn()).isEqualTo(END);
        assertThat(chunks.stream().flatMap(c -> c.events().stream()).toList()).containsExactlyElementsOf(input);
    }

    @Test
    void emptyTransactionYieldsOneEmptyLastChunkWithEndLsn() {
        runTransaction(chunker(3, Long.MAX_VALUE), List.of());

        assertThat(chunks).containsExactly(new ChangeChunk(TX, 0, true, END, List.of()));
    }

    @Test
    void singleEventTransactionIsOneLastChunk() {
        LogicalMessageEvent only = event(0);

        runTransaction(chunker(3, Long.MAX_VALUE), List.of(only));

        assertThat(chunks).containsExactly(new ChangeChunk(TX, 0, true, END, List.of(only)));
    }

    @Test
    void exactlyMaxEventsIsOneChunkHeldUntilCommit() {
        TransactionChunker chunker = chunker(3, Long.MAX_VALUE);
        chunker.begin(TX);
        List<ChangeEvent> input = events(3);
        input.forEach(chunker::add);

        assertThat(chunks).as("full chunk is held back").isEmpty();

        chunker.commit(END);

        assertThat(chunks).containsExactly(new ChangeChunk(TX, 0, true, END, input));
    }

    @Test
    void maxEventsPlusOneReleasesFirstChunkWhenNextEventArrives() {
        TransactionChunker chunker = chunker(3, Long.MAX_VALUE);
        chunker.begin(TX);
        List<ChangeEvent> input = events(4);
        input.subList(0, 3).forEach(chunker::add);
        assertThat(chunks).isEmpty();

        chunker.add(input.get(3));

        assertThat(chunks).containsExactly(new ChangeChunk(TX, 0, false, null, input.subList(0, 3)));

        chunker.commit(END);

        assertThat(chunks).containsExactly(
                new ChangeChunk(TX, 0, false, null, input.subList(0, 3)),
                new ChangeChunk(TX, 1, true, END, input.subList(3, 4)));
    }

    @Test
    void twiceMaxEventsGivesTwoFullChunksAndLastCarriesEndLsn() {
        TransactionChunker chunker = chunker(3, Long.MAX_VALUE);
        chunker.begin(TX);
        List<ChangeEvent> input = events(6);
        for (int i = 0; i < 6; i++) {
            chunker.add(input.get(i));
            assertThat(chunks).as("chunks emitted after %d events", i + 1).hasSize(i < 3 ? 0 : 1);
        }

        chunker.commit(END);

        assertThat(chunks).containsExactly(
                new ChangeChunk(TX, 0, false, null, input.subList(0, 3)),
                new ChangeChunk(TX, 1, true, END, input.subList(3, 6)));
    }

    @Test
    void byteBoundCutsOnceEstimatedBytesReachMax() {
        TransactionChunker chunker = chunker(100, 200);
        chunker.begin(TX);
        List<ChangeEvent> input = List.of(event(0, 100, TX), event(1, 100, TX), event(2, 100, TX),
                event(3, 100, TX), event(4, 100, TX));
        input.forEach(chunker::add);
        chunker.commit(END);

        assertThat(chunks).containsExactly(
                new ChangeChunk(TX, 0, false, null, input.subList(0, 2)),
                new ChangeChunk(TX, 1, false, null, input.subList(2, 4)),
                new ChangeChunk(TX, 2, true, END, input.subList(4, 5)));
    }

    @Test
    void byteBoundIsNotReachedOneByteShort() {
        TransactionChunker chunker = chunker(100, 201);
        chunker.begin(TX);
        List<ChangeEvent> input = List.of(event(0, 100, TX), event(1, 100, TX), event(2, 100, TX));
        input.forEach(chunker::add);
        chunker.commit(END);

        assertThat(sizes(chunks)).containsExactly(3);
    }

    @Test
    void eventLargerThanByteBoundClosesItsChunk() {
        TransactionChunker chunker = chunker(100, 200);
        chunker.begin(TX);
        List<ChangeEvent> input = List.of(event(0, 65, TX), event(1, 5000, TX), event(2, 65, TX), event(3, 65, TX));
        input.forEach(chunker::add);
        chunker.commit(END);

        assertThat(chunks).containsExactly(
                new ChangeChunk(TX, 0, false, null, input.subList(0, 2)),
                new ChangeChunk(TX, 1, true, END, input.subList(2, 4)));
    }

    @Test
    void byteCountRestartsForEachChunk() {
        TransactionChunker chunker = chunker(100, 300);
        chunker.begin(TX);
        List<ChangeEvent> input = List.of(event(0, 250, TX), event(1, 100, TX), event(2, 250, TX), event(3, 65, TX));
        input.forEach(chunker::add);
        chunker.commit(END);

        assertThat(sizes(chunks)).containsExactly(2, 2);
    }

    @Test
    void whicheverBoundIsReachedFirstCuts() {
        TransactionChunker chunker = chunker(2, 300);
        chunker.begin(TX);
        List<ChangeEvent> input = List.of(event(0, 65, TX), event(1, 65, TX), event(2, 400, TX), event(3, 65, TX));
        input.forEach(chunker::add);
        chunker.commit(END);

        assertThat(sizes(chunks)).containsExactly(2, 1, 1);
    }

    @Test
    void lastChunkIsNeverEmptyWhenTransactionHasEvents() {
        for (int max = 1; max <= 4; max++) {
            for (int count = 1; count <= 13; count++) {
                chunks.clear();
                runTransaction(chunker(max, Long.MAX_VALUE), events(count));

                ChangeChunk last = chunks.get(chunks.size() - 1);
                assertThat(last.events()).as("max %d, %d events", max, count).isNotEmpty();
                assertThat(last.endLsn()).isEqualTo(END);
                assertThat(chunks).filteredOn(ChangeChunk::last).hasSize(1);
                int bound = max;
                assertThat(chunks).allSatisfy(c -> assertThat(c.events()).hasSizeBetween(1, bound));
                assertThat(chunks).hasSize((count + max - 1) / max);
            }
        }
    }

    @Test
    void nonTransactionalMessageIsItsOwnChunkOutsideTransaction() {
        LogicalMessageEvent message = new LogicalMessageEvent("nt", new byte[] {1}, false, Lsn.parse("0/77"), null);

        chunker(3, Long.MAX_VALUE).add(message);

        assertThat(chunks).containsExactly(new ChangeChunk(null, 0, true, null, List.of(message)));
    }

    @Test
    void nonTransactionalMessageInsideTransactionIsEmittedAtOnceWithoutDisturbingTheTransaction() {
        TransactionChunker chunker = chunker(2, Long.MAX_VALUE);
        LogicalMessageEvent message = new LogicalMessageEvent("nt", new byte[0], false, Lsn.parse("0/77"), null);
        List<ChangeEvent> input = events(3);
        chunker.begin(TX);
        chunker.add(input.get(0));
        chunker.add(input.get(1));

        chunker.add(message);

        assertThat(chunks).containsExactly(new ChangeChunk(null, 0, true, null, List.of(message)));

        chunker.add(input.get(2));
        chunker.commit(END);

        assertThat(chunks).containsExactly(
                new ChangeChunk(null, 0, true, null, List.of(message)),
                new ChangeChunk(TX, 0, false, null, input.subList(0, 2)),
                new ChangeChunk(TX, 1, true, END, input.subList(2, 3)));
    }

    @Test
    void chunkIndexRestartsForEachTransaction() {
        TransactionChunker chunker = chunker(1, Long.MAX_VALUE);
        runTransaction(chunker, events(2));
        chunker.begin(TX2);
        LogicalMessageEvent next = event(9, 65, TX2);
        chunker.add(next);
        chunker.commit(Lsn.parse("0/2030"));

        assertThat(chunks).extracting(ChangeChunk::index).containsExactly(0, 1, 0);
        assertThat(chunks.get(2)).isEqualTo(new ChangeChunk(TX2, 0, true, Lsn.parse("0/2030"), List.of(next)));
    }

    @Test
    void resetDropsUnfinishedTransaction() {
        TransactionChunker chunker = chunker(2, Long.MAX_VALUE);
        chunker.begin(TX);
        events(3).forEach(chunker::add);
        assertThat(chunks).hasSize(1);

        chunker.reset();
        chunker.begin(TX2);
        LogicalMessageEvent next = event(9, 65, TX2);
        chunker.add(next);
        chunker.commit(Lsn.parse("0/2030"));

        assertThat(chunks).hasSize(2);
        assertThat(chunks.get(1)).isEqualTo(new ChangeChunk(TX2, 0, true, Lsn.parse("0/2030"), List.of(next)));
    }

    @Test
    void resetAlsoDropsHeldFullChunk() {
        TransactionChunker chunker = chunker(2, Long.MAX_VALUE);
        chunker.begin(TX);
        events(2).forEach(chunker::add);

        chunker.reset();
        chunker.begin(TX2);
        chunker.commit(Lsn.parse("0/2030"));

        assertThat(chunks).containsExactly(new ChangeChunk(TX2, 0, true, Lsn.parse("0/2030"), List.of()));
    }

    @Test
    void transactionalEventOutsideTransactionIsRejected() {
        TransactionChunker chunker = chunker(2, Long.MAX_VALUE);

        assertThatThrownBy(() -> chunker.add(event(3)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("event at 0/1003 outside a transaction");
        assertThat(chunks).isEmpty();
    }

    @Test
    void commitOutsideTransactionIsRejected() {
        TransactionChunker chunker = chunker(2, Long.MAX_VALUE);
        runTransaction(chunker, events(1));

        assertThatThrownBy(() -> chunker.commit(END))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("commit at 0/1030 outside a transaction");
    }

    @Test
    void beginWhileTransactionOpenIsRejected() {
        TransactionChunker chunker = chunker(2, Long.MAX_VALUE);
        chunker.begin(TX);

        assertThatThrownBy(() -> chunker.begin(TX2))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("begin of xid 8 while xid 7 is open");
    }

    @Test
    void boundsMustBePositive() {
        assertThatThrownBy(() -> new TransactionChunker(0, 10, c -> { }))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("chunk size must be at least 1 event, got 0");
        assertThatThrownBy(() -> new TransactionChunker(1, 0, c -> { }))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("chunk bytes must be at least 1, got 0");
    }

    @Test
    void chunkEventsAreAnImmutableCopy() {
        List<ChangeEvent> input = new ArrayList<>(events(2));
        ChangeChunk chunk = new ChangeChunk(TX, 0, true, END, input);
        input.clear();

        assertThat(chunk.events()).hasSize(2);
        assertThatThrownBy(() -> chunk.events().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void chunksHandedOutAreNotChangedByLaterEvents() {
        TransactionChunker chunker = chunker(2, Long.MAX_VALUE);
        chunker.begin(TX);
        List<ChangeEvent> input = events(5);
        input.forEach(chunker::add);
        ChangeChunk first = chunks.get(0);
        chunker.commit(END);

        assertThat(first.events()).containsExactlyElementsOf(input.subList(0, 2));
    }
}
