/**
 * The EPCIS document model shared by EPCIS 1.2 XML (the DSCSA exchange format), EPCIS 2.0 XML and EPCIS 2.0 JSON-LD.
 *
 * <p>Everything here is an immutable value: {@link io.tracegate.epcis.model.EpcisEvent} (all five event types in one
 * record with an {@link io.tracegate.epcis.model.EventType}, because writers, validators and the event hash treat the
 * fields uniformly and the type only decides which ones may be present), {@link io.tracegate.epcis.model.EpcisHeader}
 * (SBDH, master data, header extensions such as {@code gs1ushc:dscsaTransactionStatement}) and
 * {@link io.tracegate.epcis.model.ExtensionElement} trees that keep every element we do not model, in order, with its
 * namespace, so that reading and writing a document loses nothing.
 *
 * <p>The model is the <em>meaning</em> of a document, independent of its syntax: CBV values are held in a normalised
 * form ({@link io.tracegate.epcis.model.CbvValue}) that compares equal whether it was written as a URN, a Web URI or a
 * JSON bare word, while remembering the written form for faithful output. Namespace prefixes are presentation and do
 * not take part in equality.
 *
 * <p><b>Why hand-written StAX rather than JAXB.</b> The readers in {@code io.tracegate.epcis.io} map elements to these
 * records by hand over a streaming parser. A DSCSA pallet document carries hundreds of thousands of events; JAXB
 * unmarshalling per event (reflection-driven object graph plus a DOM-like {@code xsd:any} handling for extensions)
 * costs several microseconds per event and allocates intermediate beans that we would then copy into immutable
 * records, which does not meet the target of 200,000 events per second with identifier validation on one thread. A
 * direct mapping also lets one reader accept the 1.2 {@code extension}/{@code baseExtension} wrappers and the 2.0
 * layout alike, and keep unknown elements as {@link io.tracegate.epcis.model.ExtensionElement} trees instead of DOM
 * nodes. The SBDH is small, so JAXB would have served there, but one hand-written reader keeps a single hardened
 * parser configuration for the whole document.
 */
package io.tracegate.epcis.model;
