package org.citybridge.matchmaking;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;
import org.citybridge.kit.jobs.Job;
import org.citybridge.kit.jobs.Jobs;
import org.citybridge.kit.time.Clock;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

/**
 * Jobs as every service runs them (service-kit), here through matchmaking's: a job a stopped process left
 * running is failed at the next start, never left running forever; a finished job stays as it ended when
 * cancelled; a partner system sees only its own jobs. On an instance of its own, since the start-up step
 * marks every unfinished job.
 */
@QuarkusTest
@TestProfile(IsolatedInstanceProfile.class)
class JobsTest {

    @Inject
    Jobs jobs;

    @Test
    @TestSecurity(user = "admin", roles = "platform-admin")
    void shouldFailAJobThatAStopLeftRunning() {
        UUID running = stored(Job.State.RUNNING, "admin");
        UUID done = stored(Job.State.SUCCEEDED, "admin");

        jobs.failInterrupted(); // what an instance does when it becomes the engine leader, before it runs any job

        given().get("/api/v1/jobs/{id}", running)
                .then()
                .statusCode(200)
                .body("state", equalTo("FAILED"))
                .body("error", containsString("Interrupted by a restart"))
                .body("finishedAt", notNullValue());
        given().get("/api/v1/jobs/{id}", done).then().statusCode(200).body("state", equalTo("SUCCEEDED"));
    }

    @Test
    @TestSecurity(user = "admin", roles = "platform-admin")
    void shouldLeaveAFinishedJobAsItEndedWhenCancelled() {
        UUID done = stored(Job.State.SUCCEEDED, "admin");
        given().delete("/api/v1/jobs/{id}", done)
                .then()
                .statusCode(202)
                .body("state", equalTo("SUCCEEDED"))
                .body("cancelRequested", equalTo(false));
        given().delete("/api/v1/jobs/{id}", UUID.randomUUID())
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    @TestSecurity(user = "partner-b", roles = "partner-system")
    void shouldShowAPartnerSystemOnlyItsOwnJobs() {
        UUID own = stored(Job.State.SUCCEEDED, "partner-b");
        UUID other = stored(Job.State.RUNNING, "partner-a");
        given().get("/api/v1/jobs/{id}", own).then().statusCode(200).body("id", equalTo(own.toString()));
        given().get("/api/v1/jobs/{id}", other).then().statusCode(404).contentType("application/problem+json");
        given().delete("/api/v1/jobs/{id}", other).then().statusCode(404);
    }

    @Test
    @TestSecurity(user = "officer", roles = "city-officer")
    void shouldKeepJobsFromCityOfficers() {
        given().get("/api/v1/jobs/{id}", stored(Job.State.SUCCEEDED, "officer"))
                .then()
                .statusCode(403);
    }

    private static UUID stored(Job.State state, String requestedBy) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Job job = new Job();
            job.id = UUID.randomUUID();
            job.kind = "test";
            job.state = state;
            job.requestedBy = requestedBy;
            job.createdAt = Clock.now();
            job.updatedAt = job.createdAt;
            if (state != Job.State.QUEUED) {
                job.startedAt = job.createdAt;
            }
            if (state.finished()) {
                job.finishedAt = job.createdAt;
            }
            job.persist();
            return job.id;
        });
    }
}
