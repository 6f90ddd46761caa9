package io.tracegate.epcis.testing;

import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Objects;

/** Names the first difference between two model values, for assertion messages on large records. */
public final class RecordDiff {

    private RecordDiff() {
    }

    /** A path to the first difference and both values there, or null when equal. */
    public static String firstDifference(Object a, Object b) {
        return diff("", a, b);
    }

    private static String diff(String path, Object a, Object b) {
        if (Objects.equals(a, b)) {
            return null;
        }
        if (a == null || b == null || a.getClass() != b.getClass()) {
            return path + ": " + a + " <> " + b;
        }
        if (a instanceof List<?> la && b instanceof List<?> lb) {
            for (int i = 0; i < Math.min(la.size(), lb.size()); i++) {
                String d = diff(path + "[" + i + "]", la.get(i), lb.get(i));
                if (d != null) {
                    return d;
                }
            }
            return path + ": size " + la.size() + " <> " + lb.size();
        }
        if (a.getClass().isRecord()) {
            for (RecordComponent c : a.getClass().getRecordComponents()) {
                try {
                    String d = diff(path + "." + c.getName(), c.getAccessor().invoke(a), c.getAccessor().invoke(b));
                    if (d != null) {
                        return d;
                    }
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return path + ": " + a + " <> " + b;
    }
}
