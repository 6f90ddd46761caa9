package io.tracegate.gateway.compliance;

import io.tracegate.gateway.serials.UnitHolds;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Open investigations hold their units: the serial store asks before it ships (see V51's compliance_unit_holds). */
@Component
class InvestigationHolds implements UnitHolds {

    @Override
    public Map<String, String> held(Connection connection, Collection<Candidate> units) throws SQLException {
        Map<String, String> held = new HashMap<>();
        if (units.isEmpty()) {
            return held;
        }
        List<String> keys = new ArrayList<>(units.size());
        List<String> gtins = new ArrayList<>();
        List<String> lots = new ArrayList<>();
        for (Candidate unit : units) {
            keys.add(unit.key());
            if (unit.gtin() != null && unit.lot() != null) {
                gtins.add(unit.gtin());
                lots.add(unit.lot());
            }
        }
        Map<String, String> lotHolds = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "select epc, investigation_id, suspicion, gtin, lot from compliance_unit_holds(?, ?, ?)")) {
            statement.setArray(1, connection.createArrayOf("text", keys.toArray()));
            statement.setArray(2, connection.createArrayOf("text", gtins.toArray()));
            statement.setArray(3, connection.createArrayOf("text", lots.toArray()));
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    String why = "is quarantined by investigation " + rs.getLong(2) + " (" + rs.getString(3)
                            + " product)";
                    if (rs.getString(1) != null) {
                        held.putIfAbsent(rs.getString(1), why);
                    } else {
                        lotHolds.putIfAbsent(rs.getString(4) + '\t' + rs.getString(5), why.replace("investigation",
                                "investigation of its lot,"));
                    }
                }
            }
        }
        if (!lotHolds.isEmpty()) {
            for (Candidate unit : units) {
                String why = lotHolds.get(unit.gtin() + '\t' + unit.lot());
                if (why != null) {
                    held.putIfAbsent(unit.key(), why);
                }
            }
        }
        return held;
    }
}
