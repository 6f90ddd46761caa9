package io.tracegate.gateway.compliance;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the compliance package ({@code tracegate.compliance.*}); docs/compliance.md lists them.
 *
 * @param company        who we are in an FDA Form 3911 notification: the company and its contact
 * @param notifyPartners whether closing an investigation as illegitimate notifies the partners who received the
 *                       product (through the partner exchange, when one is configured)
 * @param exportsKept    how many finished export bundles are kept on disk; older ones are deleted
 */
@ConfigurationProperties("tracegate.compliance")
public record ComplianceProperties(@DefaultValue Company company, @DefaultValue("true") boolean notifyPartners,
        @DefaultValue("50") int exportsKept) {

    /**
     * @param name         company name as registered
     * @param category     our trading partner category: manufacturer, repackager, wholesale_distributor or
     *                     dispenser
     * @param address      postal address, one line
     * @param contactName  who FDA and partners reach about a notification
     * @param contactPhone their telephone
     * @param contactEmail their e-mail
     */
    public record Company(String name, @DefaultValue("manufacturer") String category, String address,
            String contactName, String contactPhone, String contactEmail) {
    }
}
