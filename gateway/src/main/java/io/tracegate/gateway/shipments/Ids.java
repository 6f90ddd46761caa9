package io.tracegate.gateway.shipments;

import io.tracegate.gateway.problem.ApiProblem;
import io.tracegate.gateway.query.Pages;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Set;
import java.util.TreeSet;

/** Path ids and list parameters of the shipments API, refused with a problem naming them. */
final class Ids {

    private Ids() {
    }

    /** A numeric id from a path; anything else is no such resource. */
    static long parse(String what, String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw ApiProblem.noSuchResource("no " + what + " " + text);
        }
    }

    /** The id a page continues after, or null for the first page. */
    static Long after(Pages.Page page) {
        return page.after() == null ? null : Long.valueOf(page.after());
    }

    /** An optional numeric query parameter (an id), or null. */
    static Long number(HttpServletRequest request, String name) {
        String value = request.getParameter(name);
        try {
            return value == null ? null : Long.valueOf(value);
        } catch (NumberFormatException e) {
            throw ApiProblem.validation("parameter " + name + " is '" + value + "', not a number");
        }
    }

    /** An optional query parameter that must be one of these values. */
    static String oneOf(HttpServletRequest request, String name, Set<String> values) {
        String value = request.getParameter(name);
        if (value != null && !values.contains(value)) {
            throw ApiProblem.validation("parameter " + name + " is '" + value + "', not one of "
                    + String.join(", ", new TreeSet<>(values)));
        }
        return value;
    }
}
