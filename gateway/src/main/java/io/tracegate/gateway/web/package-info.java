/**
 * The console: pages served by the gateway (static files under {@code static/console/}, uPlot from its WebJar; no
 * CDN, no build step). The compliance pages ({@code frame.js}) read the gateway's own API with the browser's
 * session (a server-side session made by logging in with a key, see the security package's console login, CSRF on
 * every change); the pharmacist's page ({@code console.js}) keeps the key in the tab's session storage.
 */
package io.tracegate.gateway.web;
