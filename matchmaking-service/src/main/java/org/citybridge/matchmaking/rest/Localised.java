package org.citybridge.matchmaking.rest;

import jakarta.ws.rs.NameBinding;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The answer's reason texts are in the request's Accept-Language (English, Spanish or Chinese): {@link
 * LocalisedResponses} says which, and that the answer varies with it.
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface Localised {}
