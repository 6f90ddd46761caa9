package io.tracegate.epcis.hash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracegate.epcis.cli.Command;
import io.tracegate.epcis.io.EpcisFormat;
import io.tracegate.epcis.io.EpcisWriter;
import io.tracegate.epcis.io.WriteOptions;
import io.tracegate.epcis.model.Action;
import io.tracegate.epcis.model.EpcisDocument;
import io.tracegate.epcis.model.EpcisEvent;
import io.tracegate.epcis.model.EpcisHeader;
import io.tracegate.epcis.model.EventType;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HashCommandTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void printsOneIdPerEventInDocumentOrderFromAFileAndFromStdin() throws Exception {
        List<EpcisEvent> events = IntStream.range(0, 3).mapToObj(i -> EpcisEvent.builder(EventType.OBJECT_EVENT)
                .eventTime(OffsetDateTime.parse("2023-04-01T07:48:16-05:00").plusMinutes(i))
                .eventTimeZoneOffset("-05:00")
                .addEpc("urn:epc:id:sgtin:030001.0012345." + i)
                .action(Action.OBSERVE)
                .build()).toList();
        ByteArrayOutputStream doc = new ByteArrayOutputStream();
        EpcisWriter.write(new EpcisDocument(EpcisHeader.minimal("1.2", OffsetDateTime.parse("2023-04-01T08:00:00Z")),
                events), EpcisFormat.XML_1_2, doc, WriteOptions.DEFAULT);
        Path file = dir.resolve("events.xml");
        Files.write(file, doc.toByteArray());
        String expected = events.stream().map(e -> EventHash.of(e) + System.lineSeparator()).reduce("", String::concat);

        assertEquals(0, run(List.of(file.toString()), InputStream.nullInputStream()));
        assertEquals(expected, out.toString(StandardCharsets.UTF_8));
        out.reset();
        assertEquals(0, run(List.of("-"), new ByteArrayInputStream(doc.toByteArray())));
        assertEquals(expected, out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void failuresSayWhatWentWrong() throws Exception {
        assertEquals(Command.USAGE, run(List.of(), InputStream.nullInputStream()));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("exactly one FILE"));
        err.reset();
        assertEquals(HashCommand.UNREADABLE, run(List.of(dir.resolve("absent.xml").toString()),
                InputStream.nullInputStream()));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("no such file"));
        err.reset();
        assertEquals(HashCommand.UNREADABLE, run(List.of("-"),
                new ByteArrayInputStream("hello".getBytes(StandardCharsets.UTF_8))));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("not an EPCIS document"), err.toString());
    }

    private int run(List<String> args, InputStream stdin) {
        return new HashCommand().run(args, stdin, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }
}
