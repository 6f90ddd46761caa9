package io.tracegate.gs1.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import io.tracegate.gs1.Gs1Parser;
import io.tracegate.gs1.epc.Epc;
import io.tracegate.gs1.epc.GcpLengthResolver;
import java.util.function.Function;

/** {@link Epc#parse} on URNs and Digital Link URIs, then both conversions back out. */
class EpcFuzzTest extends EntryPointFuzzing {

    @Override
    protected Function<String, ?> entryPoint(Gs1Parser parser, FuzzedDataProvider data) {
        return input -> {
            Epc epc = Epc.parse(input);
            epc.toDigitalLink();
            return epc.toUrn(GcpLengthResolver.standard());
        };
    }
}
