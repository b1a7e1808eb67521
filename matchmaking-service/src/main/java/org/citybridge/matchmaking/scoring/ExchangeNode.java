package org.citybridge.matchmaking.scoring;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/** A held exchange inside the scoring core: who attended, and who then said they want partnerships. */
final class ExchangeNode {

    final UUID id;
    String title;
    LocalDate date;
    boolean held;
    final Set<Integer> participants = new HashSet<>();
    final Set<Integer> wantsPartnership = new HashSet<>();

    ExchangeNode(UUID id) {
        this.id = id;
    }
}
