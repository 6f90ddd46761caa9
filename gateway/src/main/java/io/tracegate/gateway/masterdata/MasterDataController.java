package io.tracegate.gateway.masterdata;

import io.tracegate.gateway.compliance.AuditTrail;
import io.tracegate.gateway.problem.ApiProblem;
import io.tracegate.gateway.problem.EpcisProblemType;
import io.tracegate.gateway.security.ApiPrincipal;
import io.tracegate.gs1.Gln;
import io.tracegate.gs1.Gs1Exception;
import io.tracegate.gs1.Gtin;
import io.tracegate.gs1.epc.Epc;
import io.tracegate.gs1.epc.Sgln;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * Product and location master data: {@code GET/PUT /masterdata/products/{gtin}}, {@code GET/PUT
 * /masterdata/locations/{gln-or-sgln}} (a GLN, or an SGLN URN / Digital Link, URL-encoded) and their lists. A key
 * limited to GTINs or GLNs may only write within its limits.
 */
@RestController
class MasterDataController {

    private static final int MAX_PAGE = 1000;

    private final MasterDataStore store;
    private final AuditTrail audit;
    private final JsonMapper json;

    MasterDataController(MasterDataStore store, AuditTrail audit, JsonMapper json) {
        this.store = store;
        this.audit = audit;
        this.json = json;
    }

    @GetMapping("/masterdata/products")
    List<Product> products(@RequestParam(defaultValue = "100") int limit,
            @RequestParam(defaultValue = "0") int offset) {
        return store.products(page(limit), Math.max(0, offset));
    }

    @GetMapping("/masterdata/products/{gtin}")
    Product product(@PathVariable String gtin) {
        Gtin g = gtin(gtin);
        return store.product(g.value()).orElseThrow(() -> ApiProblem.noSuchResource("no product " + g));
    }

    @PutMapping("/masterdata/products/{gtin}")
    Product putProduct(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable String gtin,
            @RequestBody Product body) {
        Gtin g = gtin(gtin);
        if (!caller.mayUseGtin(g)) {
            throw new ApiProblem(EpcisProblemType.SECURITY, HttpStatus.FORBIDDEN,
                    "the key '" + caller.name() + "' may not set master data of GTIN " + g);
        }
        Product product = new Product(g.value(), body.ndc(), body.name(), body.dosageForm(), body.strength(),
                body.netContent(), body.companyPrefix(), body.manufacturer(), null);
        return audit.recorded(caller.name(), "masterdata.product", List.of("product:" + g.value()),
                AuditTrail.sha256(json.writeValueAsBytes(product)), () -> store.put(product));
    }

    @GetMapping("/masterdata/locations")
    List<Location> locations(@RequestParam(defaultValue = "100") int limit,
            @RequestParam(defaultValue = "0") int offset) {
        return store.locations(page(limit), Math.max(0, offset));
    }

    @GetMapping("/masterdata/locations/{id}")
    Location location(@PathVariable String id) {
        Sgln sgln = sgln(id);
        return store.location(sgln.gln().value(), extension(sgln))
                .orElseThrow(() -> ApiProblem.noSuchResource("no location " + id));
    }

    @PutMapping("/masterdata/locations/{id}")
    Location putLocation(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable String id,
            @RequestBody Location body) {
        Sgln sgln = sgln(id);
        if (!caller.mayUseGln(sgln.gln())) {
            throw new ApiProblem(EpcisProblemType.SECURITY, HttpStatus.FORBIDDEN,
                    "the key '" + caller.name() + "' may not set master data of GLN " + sgln.gln());
        }
        Sgln parent = body.parent() == null ? null : sgln(body.parent());
        if (parent != null && parent.equals(sgln)) {
            throw ApiProblem.validation("parent: a location cannot be its own parent (" + body.parent() + ")");
        }
        Location location = new Location(sgln.gln().value(), extension(sgln), body.name(), body.streetAddressOne(),
                body.streetAddressTwo(), body.city(), body.state(), body.postalCode(), body.countryCode(),
                body.licences() == null ? List.of() : body.licences(),
                parent == null ? null : parent.gln().value() + "." + extension(parent), List.of(), null);
        return audit.recorded(caller.name(), "masterdata.location",
                List.of("location:" + sgln.gln().value() + "." + extension(sgln)),
                AuditTrail.sha256(json.writeValueAsBytes(location)), () -> store.put(location));
    }

    private static int page(int limit) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw ApiProblem.validation("limit must be between 1 and " + MAX_PAGE + ", not " + limit);
        }
        return limit;
    }

    private static Gtin gtin(String text) {
        try {
            return Gtin.of(text);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.validation("'" + text + "' is not a GTIN: " + e.getMessage());
        }
    }

    private static Sgln sgln(String text) {
        try {
            if (text.chars().allMatch(Character::isDigit)) {
                return new Sgln(new Gln(text));
            }
            if (Epc.parse(text) instanceof Sgln sgln) {
                return sgln;
            }
        } catch (IllegalArgumentException | Gs1Exception e) {
            throw ApiProblem.validation("'" + text + "' is not a GLN or SGLN: " + e.getMessage());
        }
        throw ApiProblem.validation("'" + text + "' is not a GLN or SGLN");
    }

    private static String extension(Sgln sgln) {
        return sgln.extension() == null ? "0" : sgln.extension();
    }
}
