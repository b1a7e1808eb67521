package org.citybridge.testing;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;

/**
 * The requests the services' API tests send, each written once: a JSON body posted or put (with the
 * {@code If-Match} or {@code Idempotency-Key} header the test needs), a JSON Merge Patch, a read, a
 * delete. Each returns the response for the test to assert on, so a test states only its path, its body
 * and what it expects back.
 */
public final class JsonApi {

    private JsonApi() {}

    public static ValidatableResponse get(String path) {
        return given().when().get(path).then();
    }

    /** A read with query parameters. */
    public static ValidatableResponse get(String path, Map<String, ?> query) {
        return given().queryParams(query).when().get(path).then();
    }

    /** A read the service refuses: 400, naming the offending query parameter among the violations. */
    public static ValidatableResponse getRefused(String path, Map<String, ?> query, String field) {
        return get(path, query).statusCode(400).body("violations.field", hasItem(field));
    }

    /** The id of what a create made: its response must be 201. */
    public static String createdId(ValidatableResponse created) {
        return created.statusCode(201).extract().path("id");
    }

    public static ValidatableResponse post(String path, Object body) {
        return json().body(body).when().post(path).then();
    }

    /** A post without a body: an action on the resource at {@code path}. */
    public static ValidatableResponse post(String path) {
        return given().when().post(path).then();
    }

    /** A post the service refuses with {@code status}, its problem detail containing {@code detail}. */
    public static ValidatableResponse postRefused(String path, Object body, int status, String detail) {
        return post(path, body).statusCode(status).body("detail", containsString(detail));
    }

    /** A create that may be retried: a replay with the same key returns the first response. */
    public static ValidatableResponse postIdempotent(String path, String idempotencyKey, Object body) {
        return json().header("Idempotency-Key", idempotencyKey)
                .body(body)
                .when()
                .post(path)
                .then();
    }

    /** A state change of a versioned resource (e.g. hold, cancel) expecting the version {@code etag}. */
    public static ValidatableResponse postIfMatch(String path, String etag, Object body) {
        return json().header("If-Match", etag).body(body).when().post(path).then();
    }

    /** A put without {@code If-Match}, which the services refuse with 428. */
    public static ValidatableResponse put(String path, Object body) {
        return json().body(body).when().put(path).then();
    }

    public static ValidatableResponse put(String path, String etag, Object body) {
        return json().header("If-Match", etag).body(body).when().put(path).then();
    }

    /** A JSON Merge Patch (RFC 7396) expecting the version {@code etag}. */
    public static ValidatableResponse mergePatch(String path, String etag, Object patch) {
        return given().contentType("application/merge-patch+json")
                .header("If-Match", etag)
                .body(patch)
                .when()
                .patch(path)
                .then();
    }

    public static ValidatableResponse delete(String path) {
        return given().when().delete(path).then();
    }

    public static ValidatableResponse delete(String path, String etag) {
        return given().header("If-Match", etag).when().delete(path).then();
    }

    private static RequestSpecification json() {
        return given().contentType(ContentType.JSON);
    }

    /**
     * Waits until a job (its Location) succeeds and returns its result; fails at once if it fails. The
     * caller's test identity must be allowed to read jobs.
     */
    public static Map<String, Object> awaitJob(String location) {
        JsonPath job = awaitJobEnd(location);
        String state = job.getString("state");
        if (!"SUCCEEDED".equals(state)) {
            throw new AssertionError("Job " + location + " ended " + state + ": " + job.getString("error"));
        }
        return job.getMap("result");
    }

    /** Waits until a job (its Location) has finished, whichever way, and returns it. */
    public static JsonPath awaitJobEnd(String location) {
        String path = location.substring(location.indexOf("/api/v1/jobs/"));
        JsonPath[] job = new JsonPath[1];
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    job[0] = given().get(path).then().statusCode(200).extract().jsonPath();
                    return List.of("SUCCEEDED", "FAILED", "CANCELLED").contains(job[0].getString("state"));
                });
        return job[0];
    }
}
