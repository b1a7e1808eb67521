package org.citybridge.contracts.events;

import java.time.Instant;
import java.util.UUID;

/** One side declined a proposal; the pair is not proposed again for that kind. Key: proposal id. */
public record ProposalDeclined(UUID proposalId, UUID cityA, UUID cityB, UUID declinedBy, Instant declinedAt)
        implements EventPayload {

    @Override
    public UUID aggregateId() {
        return proposalId;
    }
}
