package io.tracegate.gateway.query;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code named_query} table: queries saved under a name (POST /queries), each its JSON object of EPCIS query
 * parameters as the REST bindings' query schema writes them ({@code {"EQ_bizStep":["shipping"],"GE_eventTime":
 * "2023-01-01T00:00:00Z"}}).
 */
@Repository
class NamedQueries {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;
    private final Clock clock;

    NamedQueries(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** A named query: its name, its definition and who created it. */
    record NamedQuery(String name, JsonNode query, String createdBy, OffsetDateTime createdAt) {

        /** The definition as query string parameters: lists joined with '|', numbers and booleans as text. */
        Map<String, List<String>> parameters() {
            return parameters(query);
        }

        /**
         * A query schema object as query string parameters.
         *
         * @throws io.tracegate.gateway.problem.ApiProblem naming the parameter whose value has no such form
         */
        static Map<String, List<String>> parameters(JsonNode query) {
            Map<String, List<String>> parameters = new LinkedHashMap<>();
            query.properties().forEach(field -> {
                String name = field.getKey();
                if (name.equals("@context")) {
                    return;
                }
                JsonNode value = field.getValue();
                String text;
                if (value.isArray()) {
                    List<String> values = new ArrayList<>();
                    value.forEach(v -> values.add(scalar(name, v)));
                    text = String.join("|", values);
                } else if (value.isNull() && name.startsWith("EXISTS_")) {
                    text = "true"; // the query schema's EXISTS_ parameters are a nullable integer: present means true
                } else {
                    text = scalar(name, value);
                }
                parameters.put(name, List.of(text));
            });
            return parameters;
        }

        private static String scalar(String name, JsonNode value) {
            if (value.isString()) {
                return value.asString();
            }
            if (value.isNumber()) {
                return name.startsWith("EXISTS_") ? String.valueOf(value.asInt() != 0)
                        : value.decimalValue().toPlainString();
            }
            if (value.isBoolean()) {
                return String.valueOf(value.asBoolean());
            }
            throw EventQuery.parameter(name, "has a value that is no string, number, boolean or list of them: "
                    + value);
        }
    }

    /** Saves a query; false when the name is taken. */
    boolean create(String name, JsonNode query, String createdBy) {
        return jdbc.sql("insert into named_query (name, definition, created_by, created_at) values (?, ?::jsonb, ?, ?)"
                        + " on conflict (name) do nothing")
                .params(name, JSON.writeValueAsString(query), createdBy, OffsetDateTime.now(clock)).update() == 1;
    }

    Optional<NamedQuery> find(String name) {
        return jdbc.sql("select name, definition, created_by, created_at from named_query where name = ?").param(name)
                .query((rs, n) -> new NamedQuery(rs.getString(1), JSON.readTree(rs.getString(2)), rs.getString(3),
                        rs.getObject(4, OffsetDateTime.class))).optional();
    }

    /** Up to {@code limit} queries by name, after {@code after} (null: from the first). */
    List<NamedQuery> list(String after, int limit) {
        return jdbc.sql("select name, definition, created_by, created_at from named_query where name collate \"C\" > ?"
                        + " order by name collate \"C\" limit ?")
                .params(after == null ? "" : after, limit)
                .query((rs, n) -> new NamedQuery(rs.getString(1), JSON.readTree(rs.getString(2)), rs.getString(3),
                        rs.getObject(4, OffsetDateTime.class))).list();
    }

    /** Deletes a query and, by the foreign key, its webhook subscriptions; false when there was none. */
    boolean delete(String name) {
        return jdbc.sql("delete from named_query where name = ?").param(name).update() == 1;
    }
}
