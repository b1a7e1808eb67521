package org.citybridge.kit.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an operation whose work is expensive (a re-ranking of every city, a pairing round, a model
 * fit): it counts against the caller's lower rate limit for such work, not the one for writes.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Expensive {}
