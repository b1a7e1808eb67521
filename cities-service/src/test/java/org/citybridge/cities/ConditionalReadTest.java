package org.citybridge.cities;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import org.citybridge.kit.security.Roles;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;

/** Reads a front-end can keep: 304 for an unchanged ETag, anonymous reads revalidated, others never stored. */
@QuarkusTest
class ConditionalReadTest {

    @Test
    @TestSecurity(user = "admin", roles = Roles.PLATFORM_ADMIN)
    void shouldAnswerNotModifiedWhileTheCityIsUnchanged() {
        UUID id = Fixtures.register(Fixtures.cityBody(Fixtures.unique("Cusco"), "PE"));
        String etag = given().get("/api/v1/cities/{id}", id)
                .then()
                .statusCode(200)
                .extract()
                .header("ETag");

        given().header("If-None-Match", etag)
                .get("/api/v1/cities/{id}", id)
                .then()
                .statusCode(304)
                .header("ETag", equalTo(etag))
                .header("Cache-Control", equalTo("no-store"))
                .body(emptyString());
        given().header("If-None-Match", "\"other\", W/" + etag)
                .get("/api/v1/cities/{id}", id)
                .then()
                .statusCode(304);
        given().header("If-None-Match", "\"41\"")
                .get("/api/v1/cities/{id}", id)
                .then()
                .statusCode(200);
    }

    @Test
    void shouldLetAnonymousReadsBeKeptButRevalidated() {
        given().get("/api/v1/cities")
                .then()
                .statusCode(200)
                .header("Cache-Control", equalTo("public, no-cache"))
                .header("Vary", org.hamcrest.Matchers.containsString("Authorization"));
        given().get("/api/v1/cities/{id}", UUID.randomUUID())
                .then()
                .statusCode(404)
                .header("Cache-Control", org.hamcrest.Matchers.nullValue());
    }
}
