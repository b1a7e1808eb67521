package org.citybridge.cities;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.citybridge.contracts.events.CityRetired;
import org.citybridge.kit.outbox.EventOutbox;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The outbox writes a transaction's events as one batch just before commit: they must land in that
 * transaction (on its connection), in append order, and vanish with it when the commit fails later.
 */
@QuarkusTest
class OutboxAtomicityTest {

    @Inject
    EventOutbox outbox;

    @Inject
    TransactionSynchronizationRegistry transactions;

    @Inject
    DataSource dataSource;

    @Test
    void shouldWriteATransactionsEventsInOrderWhenItCommits() {
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> {
            outbox.append(new CityRetired(second, Instant.now()));
            outbox.append(new CityRetired(first, Instant.now()));
            assertThat(rowsOf(List.of(first, second)))
                    .as("nothing written before the commit")
                    .isEmpty();
        });
        assertThat(rowsOf(List.of(first, second))).containsExactly(second.toString(), first.toString());
    }

    @Test
    void shouldLeaveNoEventWhenTheCommitFailsAfterTheyWereWritten() {
        UUID city = UUID.randomUUID();
        AtomicLong seenByTheTransaction = new AtomicLong(-1);
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
                    outbox.append(new CityRetired(city, Instant.now()));
                    // registered after the outbox's own step, so it runs after the batch was written: it sees the
                    // row on the transaction's connection, then refuses the commit
                    transactions.registerInterposedSynchronization(new Synchronization() {
                        @Override
                        public void beforeCompletion() {
                            seenByTheTransaction.set(rowsOf(List.of(city)).size());
                            throw new IllegalStateException("commit refused by the test");
                        }

                        @Override
                        public void afterCompletion(int status) {}
                    });
                }))
                .isInstanceOf(RuntimeException.class);

        assertThat(seenByTheTransaction.get())
                .as("the event was written inside the transaction")
                .isEqualTo(1);
        assertThat(rowsOf(List.of(city))).as("and rolled back with it").isEmpty();
    }

    /** Record keys of the outbox rows of these aggregates, in publication order. */
    private List<String> rowsOf(List<UUID> aggregates) {
        return OutboxRows.column(
                dataSource,
                "select record_key from outbox_event where record_key = any (?) order by seq",
                aggregates.stream().map(UUID::toString).toList());
    }
}
