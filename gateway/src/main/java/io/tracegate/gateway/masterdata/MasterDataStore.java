package io.tracegate.gateway.masterdata;

import io.tracegate.epcis.model.MasterData;
import io.tracegate.gateway.problem.ApiProblem;
import io.tracegate.gs1.Gln;
import io.tracegate.gs1.Gs1Exception;
import io.tracegate.gs1.epc.Epc;
import io.tracegate.gs1.epc.GcpLengthResolver;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

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
    /** The columns master data documents fill (all but the hierarchy, learned on its own). */
    private static final String LEARNED_LOCATION_COLUMNS = "gln, extension, name, street_address_one,"
            + " street_address_two, city, state, postal_code, country_code, licences, updated_at";
    private static final String LOCATION_COLUMNS = LEARNED_LOCATION_COLUMNS + ", parent_gln, parent_extension";
    /** The location columns with the children's keys (gln.extension) of each location, for answers. */
    private static final String LOCATION_VIEW = LOCATION_COLUMNS.replaceAll("(\\w+)", "l.$1")
            + ", array(select c.gln || '.' || c.extension from location c where c.parent_gln = l.gln"
            + " and c.parent_extension = l.extension order by c.gln, c.extension)";
    /** The advisory lock that serialises changes of the location hierarchy through the API. */
    private static final long HIERARCHY_LOCK = 0x7472_6163_6567_6c6fL;
    /** Location master data attributes (CBV mda local names) and their columns. */
    private static final Map<String, String> LOCATION_ATTRIBUTES = Map.of("name", "name",
            "streetAddressOne", "street_address_one", "streetAddressTwo", "street_address_two", "city", "city",
            "state", "state", "postalCode", "postal_code", "countryCode", "country_code");

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
        return jdbc.sql("select " + LOCATION_VIEW + " from location l where gln = ? and extension = ?")
                .params(gln, extension).query((rs, n) -> location(rs)).optional();
    }

    public List<Location> locations(int limit, int offset) {
        return jdbc.sql("select " + LOCATION_VIEW + " from location l order by gln, extension limit ? offset ?")
                .params(limit, offset).query((rs, n) -> location(rs)).list();
    }

    /**
     * Sets every field of a location (the API's PUT); {@code parent} is {@code gln.extension} or null. A parent that
     * lies below the location itself would close a cycle and is refused.
     */
    @Transactional
    public Location put(Location l) {
        String[] parent = l.parent() == null ? new String[2] : l.parent().split("\\.", 2);
        if (l.parent() != null) {
            // two changes of the hierarchy checked at once could each close half of a cycle: one at a time
            jdbc.sql("select pg_advisory_xact_lock(?)").param(HIERARCHY_LOCK).query(Object.class).single();
        }
        if (l.parent() != null && below(parent[0], parent[1], l.gln(), l.extension())) {
            throw ApiProblem.validation("parent: " + sglnUrn(parent[0], parent[1]) + " lies below "
                    + sglnUrn(l.gln(), l.extension()) + " in the location hierarchy: a cycle");
        }
        jdbc.sql("insert into location (" + LOCATION_COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?,"
                        + " ?::text[], ?, ?, ?) on conflict (gln, extension) do update set name = excluded.name,"
                        + " street_address_one = excluded.street_address_one,"
                        + " street_address_two = excluded.street_address_two, city = excluded.city,"
                        + " state = excluded.state, postal_code = excluded.postal_code,"
                        + " country_code = excluded.country_code, licences = excluded.licences,"
                        + " updated_at = excluded.updated_at, parent_gln = excluded.parent_gln,"
                        + " parent_extension = excluded.parent_extension")
                .params(l.gln(), l.extension(), l.name(), l.streetAddressOne(), l.streetAddressTwo(), l.city(),
                        l.state(), l.postalCode(), l.countryCode(),
                        "{" + String.join(",", l.licences().stream().map(MasterDataStore::arrayElement).toList())
                                + "}", OffsetDateTime.now(clock), parent[0], parent[1])
                .update();
        return location(l.gln(), l.extension()).orElseThrow();
    }

    /** Whether location (gln, extension) is (gln2, extension2) or lies below it. */
    private boolean below(String gln, String extension, String gln2, String extension2) {
        return jdbc.sql("with recursive up(gln, extension) as (select ?, ? union select l.parent_gln,"
                        + " l.parent_extension from location l join up on l.gln = up.gln and l.extension = up.extension"
                        + " where l.parent_gln is not null) select count(*) > 0 from up where gln = ? and extension = ?")
                .params(gln, extension, gln2, extension2).query(Boolean.class).single();
    }

    /**
     * The canonical keys (GS1 Digital Links) of these locations (canonical keys) and of every location below them in
     * the hierarchy, for {@code WD_readPoint} and {@code WD_bizLocation}. A key that is not an SGLN stands for itself.
     */
    public List<String> withDescendants(List<String> keys) {
        List<String> glns = new ArrayList<>();
        List<String> extensions = new ArrayList<>();
        Set<String> result = new LinkedHashSet<>(keys);
        for (String key : keys) {
            if (parse(key) instanceof Sgln sgln) {
                glns.add(sgln.gln().value());
                extensions.add(sgln.extension() == null ? "0" : sgln.extension());
            }
        }
        if (!glns.isEmpty()) {
            jdbc.sql("with recursive d(gln, extension) as (select * from unnest(?::text[], ?::text[])"
                            + " union select l.gln, l.extension from location l join d on l.parent_gln = d.gln"
                            + " and l.parent_extension = d.extension) select gln, extension from d")
                    .params(new SqlArrayValue("text", glns.toArray()), new SqlArrayValue("text", extensions.toArray()))
                    .query((rs, n) -> key(rs.getString(1), rs.getString(2))).list().forEach(result::add);
        }
        return List.copyOf(result);
    }

    /**
     * The canonical keys of the locations whose master data {@code attribute} (a CBV mda name such as {@code city})
     * is one of the values, or, for no values, that have the attribute at all.
     *
     * @throws IllegalArgumentException naming the attributes there are when the attribute is not one of them
     */
    public List<String> withAttribute(String attribute, List<String> values) {
        String column = LOCATION_ATTRIBUTES.get(attribute);
        if (column == null) {
            throw new IllegalArgumentException("'" + attribute + "' is not a location master data attribute ("
                    + String.join(", ", new TreeSet<>(LOCATION_ATTRIBUTES.keySet())) + ")");
        }
        return jdbc.sql("select gln, extension from location where " + column + " is not null"
                        + (values.isEmpty() ? "" : " and " + column + " = any(?)"))
                .params(values.isEmpty() ? List.of() : List.of(new SqlArrayValue("text", values.toArray())))
                .query((rs, n) -> key(rs.getString(1), rs.getString(2))).list();
    }

    private static String key(String gln, String extension) {
        return new Sgln(new Gln(gln), extension.equals("0") ? null : extension).toDigitalLink();
    }

    private static String sglnUrn(String gln, String extension) {
        try {
            return new Sgln(new Gln(gln), extension.equals("0") ? null : extension)
                    .toUrn(GcpLengthResolver.standard());
        } catch (Gs1Exception unknownPrefix) {
            return key(gln, extension);
        }
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
             PreparedStatement locations = connection.prepareStatement("insert into location ("
                + LEARNED_LOCATION_COLUMNS
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
        learnHierarchy(connection, masterData, now);
    }

    /**
     * The location hierarchy of a Location vocabulary ({@code children}): each child gets the element as its parent
     * unless it already has one (set through the API or learned before).
     */
    private static void learnHierarchy(Connection connection, MasterData masterData, OffsetDateTime now)
            throws SQLException {
        try (PreparedStatement children = connection.prepareStatement("insert into location (gln, extension,"
                + " updated_at, parent_gln, parent_extension) values (?, ?, ?, ?, ?) on conflict (gln, extension)"
                + " do update set parent_gln = coalesce(location.parent_gln, excluded.parent_gln),"
                + " parent_extension = coalesce(location.parent_extension, excluded.parent_extension)")) {
            for (MasterData.Vocabulary vocabulary : masterData.vocabularies()) {
                if (!vocabulary.type().equals(MasterData.LOCATION)) {
                    continue;
                }
                for (MasterData.VocabularyElement element : vocabulary.elements()) {
                    if (!(parse(element.id()) instanceof Sgln parent)) {
                        continue;
                    }
                    for (String childId : element.children()) {
                        if (parse(childId) instanceof Sgln child && !child.equals(parent)) {
                            set(children, child.gln().value(), child.extension() == null ? "0" : child.extension());
                            children.setObject(3, now);
                            children.setString(4, parent.gln().value());
                            children.setString(5, parent.extension() == null ? "0" : parent.extension());
                            children.addBatch();
                        }
                    }
                }
            }
            children.executeBatch();
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
        String parent = rs.getString(12) == null ? null : sglnUrn(rs.getString(12), rs.getString(13));
        List<String> children = Arrays.stream((String[]) rs.getArray(14).getArray())
                .map(c -> sglnUrn(c.substring(0, c.indexOf('.')), c.substring(c.indexOf('.') + 1))).toList();
        return new Location(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                Arrays.asList((String[]) rs.getArray(10).getArray()), parent, children,
                rs.getObject(11, OffsetDateTime.class));
    }
}
