package io.tracegate.gateway.exchange;

import io.tracegate.gateway.problem.ApiProblem;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The message log: {@code GET /messages[?partner=&direction=&before=&limit=]}, {@code /messages/{id}[/mdn]}. */
@RestController
@RequestMapping("/messages")
class MessageController {

    private final Exchange exchange;
    private final Messages messages;

    MessageController(Exchange exchange, Messages messages) {
        this.exchange = exchange;
        this.messages = messages;
    }

    /** Newest first; {@code before} (a message id) pages back. */
    @GetMapping
    List<ExchangeMessage> list(@RequestParam(required = false) String partner,
            @RequestParam(required = false) String direction, @RequestParam(required = false) String before,
            @RequestParam(defaultValue = "100") String limit) {
        String checkedDirection = direction == null ? null : direction.strip().toLowerCase(Locale.ROOT);
        if (checkedDirection != null && !checkedDirection.equals("in") && !checkedDirection.equals("out")) {
            throw ApiProblem.validation("direction: in or out, not '" + direction + "'");
        }
        int checkedLimit = number("limit", limit).intValue();
        if (checkedLimit < 1 || checkedLimit > 1000) {
            throw ApiProblem.validation("limit: from 1 to 1000, not " + limit);
        }
        return messages.list(partner == null ? null : number("partner", partner), checkedDirection,
                before == null ? null : number("before", before), checkedLimit);
    }

    @GetMapping("/{id}")
    ExchangeMessage message(@PathVariable String id) {
        return exchange.message(messageId(id));
    }

    /** The MDN as it went over the wire (evidence): its HTTP headers and body. */
    @GetMapping("/{id}/mdn")
    void mdn(@PathVariable String id, HttpServletResponse response) throws IOException {
        Messages.Raw raw = messages.mdn(messageId(id))
                .orElseThrow(() -> ApiProblem.noSuchResource("message " + id + " has no MDN"));
        for (MimeEntity.Header header : HeaderLines.parse(raw.headers())) {
            if (header.name().equalsIgnoreCase("Content-Type") || header.name().regionMatches(true, 0, "AS2-", 0, 4)
                    || header.name().equalsIgnoreCase("Message-ID")) {
                response.addHeader(header.name(), header.value());
            }
        }
        response.getOutputStream().write(raw.body());
    }

    private static long messageId(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw ApiProblem.noSuchResource("no message " + text);
        }
    }

    private static Long number(String parameter, String value) {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw ApiProblem.validation(parameter + ": a number, not '" + value + "'");
        }
    }
}
