package io.tracegate.gs1.ai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracegate.gs1.testing.Oracles;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class AiTableDictionaryTest {

    @Test
    void tableEqualsTheSyntaxDictionaryEntryByEntry() throws Exception {
        List<AiDefinition> dictionary = SyntaxDictionary.read(Oracles.require("gs1/gs1-syntax-dictionary.txt"));
        Map<String, AiDefinition> ours = new TreeMap<>();
        AiTable.standard().all().forEach(d -> ours.put(d.ai(), d));
        List<String> differences = new ArrayList<>();
        for (AiDefinition d : dictionary) {
            AiDefinition mine = ours.remove(d.ai());
            if (mine == null) {
                differences.add("AI " + d.ai() + " is in the dictionary but not in ai-table.tsv");
            } else if (!mine.equals(d)) {
                differences.add("AI " + d.ai() + ": table has " + mine + " but dictionary says " + d);
            }
        }
        ours.keySet().forEach(ai -> differences.add("AI " + ai + " is in ai-table.tsv but not in the dictionary"));
        assertTrue(differences.isEmpty(), String.join("\n", differences));
        assertTrue(dictionary.size() > 500, "expected the full AI list, got " + dictionary.size());
    }

    @Test
    void knowsTheDscsaAis() {
        AiTable t = AiTable.standard();
        AiDefinition gtin = t.get("01");
        assertTrue(gtin.predefinedLength());
        assertEquals(14, gtin.maxLength());
        assertEquals(List.of("csum", "gcppos2"), gtin.components().get(0).linters());
        assertEquals(List.of(List.of("22", "10", "21"), List.of("235")), gtin.dlQualifierPaths());
        AiDefinition serial = t.get("21");
        assertTrue(serial.fnc1Required());
        assertEquals(1, serial.minLength());
        assertEquals(20, serial.maxLength());
        assertEquals(List.of("01,03,8006"), serial.requires());
        assertEquals(List.of("yymmd0"), t.get("17").components().get(0).linters());
        assertEquals(List.of("00", "02,8026"), t.get("37").requires());
        assertEquals("3103", t.match("3103123456", 0).ai());
        assertEquals("8006", t.match("x8006", 1).ai());
        assertNull(t.get("14"));
        assertNull(t.match("14123456", 0));
        assertNotNull(t.get("7003"));
        assertEquals(6, AiTable.predefinedDataLength('1', '4'));
        assertEquals(0, AiTable.predefinedDataLength('2', '3'));
    }
}
