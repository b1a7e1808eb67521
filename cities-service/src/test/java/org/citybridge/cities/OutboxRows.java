package org.citybridge.cities;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** Reads outbox rows straight from the database, for the outbox tests. */
final class OutboxRows {

    private OutboxRows() {}

    /** The first column of {@code sql}, whose one parameter is bound to {@code values} as a varchar array. */
    static List<String> column(DataSource dataSource, String sql, List<String> values) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(sql)) {
            query.setArray(1, connection.createArrayOf("varchar", values.toArray()));
            List<String> found = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    found.add(rows.getString(1));
                }
            }
            return found;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
