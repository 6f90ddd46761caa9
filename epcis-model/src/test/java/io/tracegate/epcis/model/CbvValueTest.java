package io.tracegate.epcis.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CbvValueTest {

    @Test
    void everyWrittenFormOfAStandardValueMeansTheSame() {
        CbvValue urn = CbvValue.parse(CbvVocabulary.BIZ_STEP, "urn:epcglobal:cbv:bizstep:shipping", false);
        CbvValue web = CbvValue.parse(CbvVocabulary.BIZ_STEP, "https://ref.gs1.org/cbv/BizStep-shipping", false);
        CbvValue bare = CbvValue.parse(CbvVocabulary.BIZ_STEP, "shipping", true);
        CbvValue curie = CbvValue.parse(CbvVocabulary.BIZ_STEP, "cbv:BizStep-shipping", true);
        assertEquals(urn, web);
        assertEquals(urn, bare);
        assertEquals(urn, curie);
        assertEquals(urn.hashCode(), web.hashCode());
        assertEquals("shipping", web.value());
        assertTrue(web.standard());
    }

    @Test
    void remembersTheWrittenFormAndRendersEveryForm() {
        CbvValue web = CbvValue.parse(CbvVocabulary.DISPOSITION, " https://ref.gs1.org/cbv/Disp-in_transit ", false);
        assertEquals(CbvValue.Form.WEB_URI, web.writtenForm());
        assertEquals("https://ref.gs1.org/cbv/Disp-in_transit", web.asWritten());
        assertEquals("urn:epcglobal:cbv:disp:in_transit", web.toUrn());
        assertEquals("in_transit", web.toBareWord());
        CbvValue btt = CbvValue.parse(CbvVocabulary.BIZ_TRANSACTION_TYPE, "urn:epcglobal:cbv:btt:po", false);
        assertEquals("https://ref.gs1.org/cbv/BTT-po", btt.toWebUri());
        CbvValue sdt = CbvValue.parse(CbvVocabulary.SOURCE_DESTINATION_TYPE, "owning_party", true);
        assertEquals("urn:epcglobal:cbv:sdt:owning_party", sdt.toUrn());
    }

    @Test
    void userValuesAreKeptVerbatimAndBareWordsInXmlAreNotStandard() {
        CbvValue user = CbvValue.parse(CbvVocabulary.BIZ_STEP, "urn:example:bizstep:summarising", false);
        assertFalse(user.standard());
        assertEquals("urn:example:bizstep:summarising", user.toUrn());
        assertEquals("urn:example:bizstep:summarising", user.toWebUri());
        CbvValue xmlWord = CbvValue.parse(CbvVocabulary.BIZ_STEP, "shipping", false);
        assertFalse(xmlWord.standard(), "a bare word in XML is not expanded by any context");
        assertNotEquals(CbvValue.standard(CbvVocabulary.BIZ_STEP, "shipping"), xmlWord);
    }

    @Test
    void aPrefixAloneIsNotAStandardValue() {
        CbvValue prefixOnly = CbvValue.parse(CbvVocabulary.BIZ_STEP, "urn:epcglobal:cbv:bizstep:", false);
        assertFalse(prefixOnly.standard());
        assertThrows(IllegalArgumentException.class, () -> CbvValue.standard(CbvVocabulary.BIZ_STEP, ""));
    }
}
