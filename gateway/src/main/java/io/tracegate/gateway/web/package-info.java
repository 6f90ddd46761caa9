/**
 * The console: pages served by the gateway (static files under {@code static/console/}, no CDN, no build step),
 * and the JSON endpoints only they need. Every page is one HTML file in the same frame ({@code console.js}: a
 * header with the login state, a navigation slot listing the console's pages, the page's content); the page talks
 * to the API with the key the person logged in with, kept in the browser tab's session storage.
 */
package io.tracegate.gateway.web;
