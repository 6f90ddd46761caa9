package io.tracegate.gs1.ai;

/** Character set of one AI component, as the Syntax Dictionary's type letters name them. */
public enum CharacterSet {
    /** {@code N}: digits 0-9. */
    NUMERIC('N'),
    /** {@code X}: GS1 AI encodable character set 82. */
    CSET82('X'),
    /** {@code Y}: GS1 AI encodable character set 39. */
    CSET39('Y'),
    /** {@code Z}: base64url (file-safe base64) characters. */
    CSET64('Z');

    private final char letter;

    CharacterSet(char letter) {
        this.letter = letter;
    }

    public char letter() {
        return letter;
    }

    public static CharacterSet ofLetter(char letter) {
        for (CharacterSet c : values()) {
            if (c.letter == letter) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown component type '" + letter + "'");
    }
}
