package io.tracegate.gateway.compliance;

import java.time.LocalDate;
import java.util.List;

/**
 * What FDA Form 3911 (Drug Notification) asks for about illegitimate product, as the gateway can fill it from an
 * investigation closed as illegitimate, the product's master data and our company settings. The numbers are the
 * form's item numbers; what the gateway cannot know (the FDA incident number before FDA assigns it, the primary
 * ingredients, the drug use and description) is left null for the officer to complete.
 *
 * @param typeOfReport        1: {@code initial_notification}
 * @param incidentNumber      2: assigned by FDA after the initial notification; null here
 * @param dateOfInitialNotification 3: today, the date this notification data was produced
 * @param dateDeterminedIllegitimate 4: when the investigation was closed as illegitimate
 * @param classification      5: counterfeit, diverted, stolen, intentional_adulteration, unfit_for_distribution or
 *                            fraudulent_transaction
 * @param productName         6: the name on the label (master data)
 * @param primaryIngredients  7: not in master data; null
 * @param drugUse             8: null (human or other: the officer's choice)
 * @param drugDescription     9: null (finished prescription drug, vaccine, ...: the officer's choice)
 * @param strength            10: master data
 * @param dosageForm          11: master data
 * @param quantity            12: how many units, and the pack size
 * @param ndc                 13: master data
 * @param serialNumbers       14: the serial numbers concerned (empty for a whole lot)
 * @param lotNumbers          15
 * @param expirationDates     16
 * @param description         17: what happened: the investigation's reason, findings and conclusion
 * @param company             20: our company name and address
 * @param companyCategory     21: manufacturer, repackager, wholesale_distributor or dispenser
 * @param contact             23: who FDA contacts
 * @param partnersNotified    the immediate trading partners who received the product, and whether each was
 *                            notified through the exchange
 */
public record Form3911(String typeOfReport, String incidentNumber, LocalDate dateOfInitialNotification,
                       LocalDate dateDeterminedIllegitimate, String classification, String productName,
                       String primaryIngredients, String drugUse, String drugDescription, String strength,
                       String dosageForm, String quantity, String ndc, List<String> serialNumbers,
                       List<String> lotNumbers, List<String> expirationDates, String description, String company,
                       String companyCategory, Contact contact, List<PartnerNotified> partnersNotified) {

    /** The classifications item 5 offers. */
    public static final List<String> CLASSIFICATIONS = List.of("counterfeit", "diverted", "stolen",
            "intentional_adulteration", "unfit_for_distribution", "fraudulent_transaction");

    public record Contact(String name, String phone, String email) {
    }

    /** A partner who received the product: how many units, on which shipments, and whether it was notified. */
    public record PartnerNotified(String partner, long units, List<String> shipments, boolean notified) {
    }
}
