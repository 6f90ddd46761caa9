package io.tracegate.epcis.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.DateTimeException;
import java.time.OffsetDateTime;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EpcisTimeTest {

    @ParameterizedTest
    @CsvSource({
        "2023-04-01T08:45:16Z, 2023-04-01T08:45:16Z",
        "2023-04-01T08:45:16.100Z, 2023-04-01T08:45:16.1Z",
        "2005-04-03T20:33:31.116000-06:00, 2005-04-03T20:33:31.116-06:00",
        "2013-06-04T14:59:02.099+02:00, 2013-06-04T14:59:02.099+02:00",
        "2006-11-07T13:00Z, 2006-11-07T13:00:00Z",
        "2020-01-15T07:47:21.677+00:00, 2020-01-15T07:47:21.677Z"
    })
    void parsesAndFormatsWithSecondsAlwaysPresent(String in, String out) {
        OffsetDateTime t = EpcisTime.parse(in);
        assertEquals(OffsetDateTime.parse(in), t);
        assertEquals(out, EpcisTime.format(t));
    }

    @ParameterizedTest
    @ValueSource(strings = {"22-07-2026", "2023-04-01T08:45:16", "2023-13-01T08:45:16Z", "2023-02-30T08:45:16Z",
        "2023-04-01T25:45:16Z", "2023-04-01T08:45:16+25:00"})
    void rejectsWhatIsNotADateTimeWithAnOffset(String in) {
        DateTimeException e = assertThrows(DateTimeException.class, () -> EpcisTime.parse(in));
        assertEquals(true, e.getMessage().contains(in), e.getMessage());
    }
}
