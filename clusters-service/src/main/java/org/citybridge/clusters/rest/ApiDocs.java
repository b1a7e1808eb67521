package org.citybridge.clusters.rest;

/** Shared OpenAPI text. */
final class ApiDocs {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final String IDEMPOTENCY_DOC = "Optional; a retried request with the same key and body returns the first "
            + "response and creates nothing, with another body it is 422";
    static final String IF_MATCH_DOC = "The ETag of the resource as last read (required)";

    private ApiDocs() {}
}
