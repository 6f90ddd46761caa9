/**
 * The console: server-side pages (static HTML and scripts in the jar, uPlot from its WebJar; nothing from a CDN)
 * that read the gateway's own API with the browser's session (see the security package's console login).
 */
package io.tracegate.gateway.web;
