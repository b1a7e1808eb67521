package org.citybridge.webhooks;

import io.quarkus.test.junit.QuarkusTest;
import org.citybridge.testing.HostileInputContract;

/** Hostile input generated from webhooks-service's OpenAPI document: 4xx problems only, and no data changes. */
@QuarkusTest
class HostileInputTest extends HostileInputContract {}
