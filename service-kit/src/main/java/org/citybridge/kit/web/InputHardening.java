package org.citybridge.kit.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import jakarta.ws.rs.container.ContainerRequestContext;
import org.citybridge.kit.problem.ApiException;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Control characters have no place in names, codes or queries, and PostgreSQL cannot even store NUL:
 * they are refused at the edge, in JSON strings (tab, line feed and carriage return excepted) and
 * in query parameters, with a 400 naming the field. So are the explicit bidirectional embeddings,
 * overrides and isolates (U+202A–U+202E, U+2066–U+2069), which make a name display otherwise than it
 * reads; the direction marks U+200E and U+200F stay allowed. A JSON object that states a field twice
 * is refused too: which value wins would depend on the parser.
 */
@Singleton
public class InputHardening implements ObjectMapperCustomizer {

    static final String MESSAGE = "must not contain control or bidirectional formatting characters";

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.registerModule(new SimpleModule("citybridge-input-hardening")
                .addDeserializer(String.class, new PlainTextDeserializer()));
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    }

    @ServerRequestFilter(preMatching = true)
    public void rejectControlCharactersInQueries(ContainerRequestContext request) {
        for (Map.Entry<String, List<String>> parameter :
                request.getUriInfo().getQueryParameters().entrySet()) {
            for (String value : parameter.getValue()) {
                if (hasControlCharacter(value, false)) {
                    throw ApiException.badRequest(parameter.getKey(), MESSAGE);
                }
            }
        }
    }

    static boolean hasControlCharacter(String value, boolean allowLineBreaks) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean lineBreak = c == '\t' || c == '\n' || c == '\r';
            boolean bidiFormatting = (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069');
            if ((c < 0x20 && !(allowLineBreaks && lineBreak)) || (c >= 0x7f && c <= 0x9f) || bidiFormatting) {
                return true;
            }
        }
        return false;
    }

    /** Jackson's string deserializer, refusing control and bidirectional formatting characters. */
    static final class PlainTextDeserializer extends StringDeserializer {

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String value = super.deserialize(parser, context);
            if (value != null && parser.hasToken(JsonToken.VALUE_STRING) && hasControlCharacter(value, true)) {
                return (String) context.handleWeirdStringValue(String.class, value, MESSAGE);
            }
            return value;
        }
    }
}
