package io.tracegate.gateway.compliance;

import java.time.OffsetDateTime;
import java.util.Map;

/**
 * An export bundle being made or made.
 *
 * @param status        {@code running}, {@code done} or {@code failed}
 * @param progress      the share of the units written, 0 to 1 (1 when done)
 * @param unitsDone     units written so far
 * @param unitsTotal    units the selection has (null until counted)
 * @param bundle        where to download the zip once done, else null
 * @param bundleSha256  SHA-256 of the zip, once done
 */
public record ExportJob(long id, String status, double progress, long unitsDone, Long unitsTotal,
                        Map<String, Object> selection, String requestedBy, OffsetDateTime requestedAt,
                        OffsetDateTime finishedAt, String error, String bundle, String bundleSha256,
                        Long bundleBytes) {
}
