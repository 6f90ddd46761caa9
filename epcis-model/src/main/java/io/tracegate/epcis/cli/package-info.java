/**
 * The {@code epcis-model.jar} command line: {@code convert} here; {@code validate} and {@code hash} join the same
 * dispatch table in {@link io.tracegate.epcis.cli.Main}.
 */
package io.tracegate.epcis.cli;
