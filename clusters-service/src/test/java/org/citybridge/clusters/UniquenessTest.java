package org.citybridge.clusters;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import org.citybridge.clusters.domain.Membership;
import org.citybridge.contracts.vocabulary.MemberKind;
import org.citybridge.contracts.vocabulary.MemberRole;
import org.citybridge.kit.persistence.Uniqueness;
import org.citybridge.kit.problem.ApiException;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The database's unique constraints answer a duplicate with 409; its other constraints are not duplicates. */
@QuarkusTest
class UniquenessTest {

    @Inject
    TestSupport support;

    @Test
    void shouldAnswerOnlyAUniqueConstraintWith409() {
        UUID cluster = support.cluster();
        UUID city = support.registerCity();
        persist(membership(cluster, city));

        // a second active membership: the partial unique index's violation
        assertThatThrownBy(() -> persist(membership(cluster, city)))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.status()).isEqualTo(409))
                .hasMessage("already a member");
        // a cluster that does not exist: the foreign key's violation, no duplicate of anything
        assertThatThrownBy(() -> persist(membership(UUID.randomUUID(), city)))
                .isInstanceOf(PersistenceException.class)
                .isNotInstanceOf(ApiException.class)
                .hasStackTraceContaining("foreign key");
        assertThat(Membership.count("memberId", city)).isEqualTo(1);
    }

    private static void persist(Membership membership) {
        QuarkusTransaction.requiringNew().run(() -> Uniqueness.persist(membership, "already a member"));
    }

    private static Membership membership(UUID cluster, UUID city) {
        Membership membership = new Membership();
        membership.id = UUID.randomUUID();
        membership.clusterId = cluster;
        membership.memberKind = MemberKind.CITY;
        membership.memberId = city;
        membership.memberName = "Test city";
        membership.role = MemberRole.MEMBER;
        membership.joinedAt = TestSupport.now();
        return membership;
    }
}
