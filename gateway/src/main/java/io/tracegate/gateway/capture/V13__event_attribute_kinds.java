package io.tracegate.gateway.capture;

import io.tracegate.epcis.io.EpcisReader;
import io.tracegate.gateway.serials.PgCopy;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.springframework.stereotype.Component;

/**
 * Flyway V13: the {@code event_attribute} kinds added with V12's query parameters (see {@link EventAttributes}) for
 * the events captured before, taken from each stored body by the same code capture uses; ILMD rows ({@code i}) are
 * written anew, as they now also cover repeated and structured fields. A Java migration because the rows come from
 * the event model, not from SQL; Spring Boot hands Flyway every {@code JavaMigration} bean.
 */
@Component
@SuppressWarnings("checkstyle:TypeName") // Flyway reads the version from the class name
class V13__event_attribute_kinds extends BaseJavaMigration {

    private static final Set<Character> KINDS = Set.of('i', 'j', 'x', 'y', 'e', 'f', 'l', 'k', 'g', 'h', 'm', 'v',
            'w', 'u');

    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        try (Statement delete = connection.createStatement()) {
            delete.executeUpdate("delete from event_attribute where kind = 'i'");
        }
        // pgjdbc cannot interleave a cursor with COPY: a page of bodies is read, then its rows are copied
        long after = 0;
        while (true) {
            List<Long> refs = new ArrayList<>();
            List<String> bodies = new ArrayList<>();
            try (PreparedStatement read = connection.prepareStatement(
                    "select id, body from epcis_event where id > ? order by id limit 1000")) {
                read.setLong(1, after);
                try (ResultSet events = read.executeQuery()) {
                    while (events.next()) {
                        refs.add(events.getLong(1));
                        bodies.add(events.getString(2));
                    }
                }
            }
            if (refs.isEmpty()) {
                return;
            }
            try (PgCopy copy = PgCopy.into(connection, "event_attribute", "event_ref, kind, name, value")) {
                for (int i = 0; i < refs.size(); i++) {
                    try (EpcisReader reader = EpcisReader.open(new ByteArrayInputStream(
                            bodies.get(i).getBytes(StandardCharsets.UTF_8)))) {
                        for (EventAttributes.Row row : EventAttributes.of(reader.next())) {
                            if (KINDS.contains(row.kind())) {
                                copy.number(refs.get(i)).text(String.valueOf(row.kind())).text(row.name())
                                        .text(row.value()).endRow();
                            }
                        }
                    }
                }
            }
            after = refs.get(refs.size() - 1);
        }
    }
}
