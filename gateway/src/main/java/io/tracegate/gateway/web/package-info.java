/**
 * The console: pages served by the gateway (static files under {@code static/console/}, uPlot from its WebJar; no
 * CDN, no build step), every one in the same frame ({@code frame.js}, {@code frame.css}): the compliance pages and
 * the pharmacist's verify page read the gateway's own API with the browser's session (a server-side session made by
 * logging in with a key, see the security package's console login, CSRF on every change). Exceptions and partner
 * messages are read from the shipments and exchange capabilities' API, and shown as not configured without them.
 */
package io.tracegate.gateway.web;
