package io.tracegate.gateway.query;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;
import org.springframework.web.socket.server.support.WebSocketHttpRequestHandler;

/**
 * WebSocket subscriptions: {@code GET /queries/{name}/events} with {@code Upgrade: websocket} and the subscription
 * controls in its query string ({@code stream=true}, or {@code second}/{@code minute}/... of a schedule) becomes a
 * socket the query's results are sent to, each notification an {@code EPCISQueryDocument} text message.
 */
@Component
class SubscriptionSocket extends TextWebSocketHandler {

    private static final String QUERY = "queryName";
    private static final String CONTROLS = "controls";
    private static final String FORMS = "forms";

    private final QuerySubscriptions subscriptions;

    SubscriptionSocket(QuerySubscriptions subscriptions) {
        this.subscriptions = subscriptions;
    }

    /** Upgrades the request to a WebSocket subscribed to the named query. */
    void handshake(HttpServletRequest request, HttpServletResponse response, String queryName,
            QuerySubscriptions.Controls controls, ResultForms forms) throws IOException {
        WebSocketHttpRequestHandler upgrade = new WebSocketHttpRequestHandler(this);
        upgrade.setHandshakeInterceptors(List.of(new HandshakeInterceptor() {
            @Override
            public boolean beforeHandshake(ServerHttpRequest req, ServerHttpResponse res, WebSocketHandler handler,
                    Map<String, Object> attributes) {
                attributes.put(QUERY, queryName);
                attributes.put(CONTROLS, controls);
                attributes.put(FORMS, forms);
                return true;
            }

            @Override
            public void afterHandshake(ServerHttpRequest req, ServerHttpResponse res, WebSocketHandler handler,
                    Exception exception) {
                // nothing to undo
            }
        }));
        try {
            upgrade.handleRequest(request, response);
        } catch (jakarta.servlet.ServletException e) {
            throw new IOException("the WebSocket handshake failed", e);
        }
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) {
        Map<String, Object> attributes = session.getAttributes();
        subscriptions.opened(session, (String) attributes.get(QUERY),
                (QuerySubscriptions.Controls) attributes.get(CONTROLS), (ResultForms) attributes.get(FORMS));
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        subscriptions.closed(session);
    }
}
