package io.tracegate.gateway.masterdata;

import io.tracegate.epcis.model.MasterData;
import io.tracegate.gs1.Gs1Exception;
import io.tracegate.gs1.epc.Epc;
import io.tracegate.gs1.epc.Lgtin;
import io.tracegate.gs1.epc.Sgln;
import io.tracegate.gs1.epc.Sgtin;
import io.tracegate.gs1.epc.SgtinPattern;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code product} and {@code location} tables. Values set through the API are authoritative; master data
 * learned from captured documents only fills fields that are still empty, so a partner's document cannot overwrite
 * what an administrator entered.
 */
@Repository
public class MasterDataStore {

    private static final String MDA = MasterData.MDA;
    private static final String PRODUCT_COLUMNS = "gtin, ndc, name, dosage_form, strength, net_content,"
            + " company_prefix, manufacturer, updated_at";
    private static final String LOCATION_COLUMNS = "gln, extension, name, street_address_one, street_address_two,"
            + " city, state, postal_code, country_code, licences, updated_at";

    private final JdbcClient jdbc;
    private final Clock clock;

    MasterDataStore(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public Optional<Product> product(String gtin) {
        return jdbc.sql("select " + PRODUCT_COLUMNS + " from product where gtin = ?").param(gtin)
                .query((rs, n) -> product(rs)).optional();
    }

    public List<Product> products(int limit, int offset) {
        return jdbc.sql("select " + PRODUCT_COLUMNS + " from product order by gtin limit ? offset ?")
                .params(limit, offset).query((rs, n) -> product(rs)).list();
    }

    /** Sets every field of a product (the API's PUT). */
    public Product put(Product p) {
        return jdbc.sql("insert into product (" + PRODUCT_COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?)"
                        + " on conflict (gtin) do update set ndc = excluded.ndc, name = excluded.name,"
                        + " dosage_form = excluded.dosage_form, strength = excluded.strength,"
                        + " net_content = excluded.net_content, company_prefix = excluded.company_prefix,"
                        + " manufacturer = excluded.manufacturer, updated_at = excluded.updated_at"
                        + " returning " + PRODUCT_COLUMNS)
                .params(p.gtin(), p.ndc(), p.name(), p.dosageForm(), p.strength(), p.netContent(),
                        p.companyPrefix(), p.manufacturer(), OffsetDateTime.now(clock))
                .query((rs, n) -> product(rs)).single();
    }

    public Optional<Location> location(String gln, String extension) {
        return jdbc.sql("select " + LOCATION_COLUMNS + " from location where gln = ? and extension = ?")
                .params(gln, extension).query((rs, n) -> location(rs)).optional();
    }

    public List<Location> locations(int limit, int offset) {
        return jdbc.sql("select " + LOCATION_COLUMNS + " from location order by gln, extension limit ? offset ?")
                .params(limit, offset).query((rs, n) -> location(rs)).list();
    }

    /** Sets every field of a location (the API's PUT). */
    public Location put(Location l) {
        return jdbc.sql("insert into location (" + LOCATION_COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?,"
                        + " ?::text[], ?) on conflict (gln, extension) do update set name = excluded.name,"
                        + " street_address_one = excluded.street_address_one,"
                        + " street_address_two = excluded.street_address_two, city = excluded.city,"
                        + " state = excluded.state, postal_code = excluded.postal_code,"
                        + " country_code = excluded.country_code, licences = excluded.licences,"
                        + " updated_at = excluded.updated_at returning " + LOCATION_COLUMNS)
                .params(l.gln(), l.extension(), l.name(), l.streetAddressOne(), l.streetAddressTwo(), l.city(),
                        l.state(), l.postalCode(), l.countryCode(),
                        "{" + String.join(",", l.licences().stream().map(MasterDataStore::arrayElement).toList())
                                + "}", OffsetDateTime.now(clock))
                .query((rs, n) -> location(rs)).single();
    }

    /**
     * Learns products (EPCClass vocabulary, by SGTIN pattern) and locations (Location vocabulary, by SGLN) from a
     * captured document's master data, on the capture transaction. Elements whose ID is not a GS1 key are skipped.
     */
    public void learn(Connection connection, MasterData masterData) throws SQLException {
        if (masterData.isEmpty()) {
            return;
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        try (PreparedStatement products = connection.prepareStatement("insert into product (" + PRODUCT_COLUMNS
                + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (gtin) do update set"
                + " ndc = coalesce(product.ndc, excluded.ndc), name = coalesce(product.name, excluded.name),"
                + " dosage_form = coalesce(product.dosage_form, excluded.dosage_form),"
                + " strength = coalesce(product.strength, excluded.strength),"
                + " net_content = coalesce(product.net_content, excluded.net_content),"
                + " company_prefix = coalesce(product.company_prefix, excluded.company_prefix),"
                + " manufacturer = coalesce(product.manufacturer, excluded.manufacturer)");
             PreparedStatement locations = connection.prepareStatement("insert into location (" + LOCATION_COLUMNS
                + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, '{}', ?) on conflict (gln, extension) do update set"
                + " name = coalesce(location.name, excluded.name),"
                + " street_address_one = coalesce(location.street_address_one, excluded.street_address_one),"
                + " street_address_two = coalesce(location.street_address_two, excluded.street_address_two),"
                + " city = coalesce(location.city, excluded.city), state = coalesce(location.state, excluded.state),"
                + " postal_code = coalesce(location.postal_code, excluded.postal_code),"
                + " country_code = coalesce(location.country_code, excluded.country_code)")) {
            for (MasterData.Vocabulary vocabulary : masterData.vocabularies()) {
                for (MasterData.VocabularyElement element : vocabulary.elements()) {
                    Epc id = parse(element.id());
                    String gtin = gtinOf(id);
                    if (vocabulary.type().equals(MasterData.EPC_CLASS) && gtin != null) {
                        String prefix = element.id().startsWith("urn:epc:idpat:sgtin:")
                                ? element.id().substring(20, Math.max(20, element.id().indexOf('.'))) : null;
                        set(products, gtin, attribute(element, "additionalTradeItemIdentification"),
                                attribute(element, "regulatedProductName"), attribute(element, "dosageFormType"),
                                attribute(element, "strengthDescription"), attribute(element, "netContentDescription"),
                                prefix, attribute(element, "manufacturerOfTradeItemPartyName"));
                        products.setObject(9, now);
                        products.addBatch();
                    } else if (vocabulary.type().equals(MasterData.LOCATION) && id instanceof Sgln sgln) {
                        set(locations, sgln.gln().value(), sgln.extension() == null ? "0" : sgln.extension(),
                                attribute(element, "name"), attribute(element, "streetAddressOne"),
                                attribute(element, "streetAddressTwo"), attribute(element, "city"),
                                attribute(element, "state"), attribute(element, "postalCode"),
                                attribute(element, "countryCode"));
                        locations.setObject(10, now);
                        locations.addBatch();
                    }
                }
            }
            products.executeBatch();
            locations.executeBatch();
        }
    }

    private static Epc parse(String id) {
        try {
            return Epc.parse(id);
        } catch (Gs1Exception notGs1) {
            return null;
        }
    }

    private static String gtinOf(Epc id) {
        if (id instanceof SgtinPattern p) {
            return p.gtin().value();
        }
        if (id instanceof Sgtin s) {
            return s.gtin().value();
        }
        return id instanceof Lgtin l ? l.gtin().value() : null;
    }

    private static String attribute(MasterData.VocabularyElement element, String name) {
        String value = element.attribute(MDA + name);
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static void set(PreparedStatement statement, String... values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            statement.setString(i + 1, values[i]);
        }
    }

    private static String arrayElement(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static Product product(ResultSet rs) throws SQLException {
        return new Product(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getString(8), rs.getObject(9, OffsetDateTime.class));
    }

    private static Location location(ResultSet rs) throws SQLException {
        return new Location(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                Arrays.asList((String[]) rs.getArray(10).getArray()), rs.getObject(11, OffsetDateTime.class));
    }
}
