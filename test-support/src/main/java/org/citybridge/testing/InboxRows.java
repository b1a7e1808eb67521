package org.citybridge.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import javax.sql.DataSource;

/** Reads a service's inbox in tests: which events it applied (their ids are in {@code processed_event}). */
public final class InboxRows {

    private InboxRows() {}

    /** How many of these events the service has applied. */
    public static int processed(DataSource dataSource, Collection<String> eventIds) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement =
                        connection.prepareStatement("select count(*) from processed_event where event_id = any (?)")) {
            statement.setArray(1, connection.createArrayOf("varchar", eventIds.toArray()));
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the inbox", e);
        }
    }
}
