package org.citybridge.matchmaking;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The default configuration on a brand-new database ({@link TestResources.Database}): for tests that change
 * the whole instance (activating a model re-scores every pair) or need to know all of its history.
 */
public class IsolatedInstanceProfile implements QuarkusTestProfile {}
