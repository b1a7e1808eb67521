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
 * in query parameters, with a 400 naming the field.
 */
@Singleton
public class InputHardening implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.registerModule(new SimpleModule("citybridge-input-hardening")
                .addDeserializer(String.class, new PlainTextDeserializer()));
    }

    @ServerRequestFilter(preMatching = true)
    public void rejectControlCharactersInQueries(ContainerRequestContext request) {
        for (Map.Entry<String, List<String>> parameter :
                request.getUriInfo().getQueryParameters().entrySet()) {
            for (String value : parameter.getValue()) {
                if (hasControlCharacter(value, false)) {
                    throw ApiException.badRequest(parameter.getKey(), "must not contain control characters");
                }
            }
        }
    }

    static boolean hasControlCharacter(String value, boolean allowLineBreaks) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean lineBreak = c == '\t' || c == '\n' || c == '\r';
            if ((c < 0x20 && !(allowLineBreaks && lineBreak)) || (c >= 0x7f && c <= 0x9f)) {
                return true;
            }
        }
        return false;
    }

    /** Jackson's string deserializer, refusing control characters. */
    static final class PlainTextDeserializer extends StringDeserializer {

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String value = super.deserialize(parser, context);
            if (value != null && parser.hasToken(JsonToken.VALUE_STRING) && hasControlCharacter(value, true)) {
                return (String)
                        context.handleWeirdStringValue(String.class, value, "must not contain control characters");
            }
            return value;
        }
    }
}
