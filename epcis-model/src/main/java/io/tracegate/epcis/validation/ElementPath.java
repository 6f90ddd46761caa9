package io.tracegate.epcis.validation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a streaming XML pass is: the element path from the root ({@code /EPCISDocument/EPCISBody/EventList/ObjectEvent[3]})
 * and the index of the event being read. Costs one frame per open element plus one counter per distinct child
 * name, so a million-EPC {@code epcList} stays small.
 */
final class ElementPath {

    private final List<Frame> open = new ArrayList<>();
    private int eventsSeen;
    private int eventDepth = -1;

    /** A start tag: {@code localName} opens below the current element. */
    void enter(String localName) {
        Frame parent = open.isEmpty() ? null : open.get(open.size() - 1);
        int position = parent == null ? 1 : parent.nextPosition(localName);
        boolean startsEvent = eventDepth < 0 && localName.endsWith("Event") && insideEventList();
        open.add(new Frame(localName, position));
        if (startsEvent) {
            eventDepth = open.size();
            eventsSeen++;
        }
    }

    /** The end tag of the current element. */
    void leave() {
        if (open.size() == eventDepth) {
            eventDepth = -1;
        }
        open.remove(open.size() - 1);
    }

    /** How many elements are open. */
    int depth() {
        return open.size();
    }

    /** 0-based index of the event the current element belongs to, or -1 outside every event. */
    int eventIndex() {
        return eventDepth < 0 ? ValidationFinding.DOCUMENT : eventsSeen - 1;
    }

    /** The path of the current element; a position predicate only from the second same-named sibling on. */
    String path() {
        StringBuilder path = new StringBuilder();
        for (Frame frame : open) {
            path.append('/').append(frame.name);
            if (frame.position > 1) {
                path.append('[').append(frame.position).append(']');
            }
        }
        return path.toString();
    }

    // Events sit directly in EventList, or (EPCIS 1.2 TransformationEvent) in EventList/extension.
    private boolean insideEventList() {
        int n = open.size();
        return n >= 1 && open.get(n - 1).name.equals("EventList")
                || n >= 2 && open.get(n - 1).name.equals("extension") && open.get(n - 2).name.equals("EventList");
    }

    private static final class Frame {
        final String name;
        final int position;
        private Map<String, Integer> childCounts;

        Frame(String name, int position) {
            this.name = name;
            this.position = position;
        }

        int nextPosition(String childName) {
            if (childCounts == null) {
                childCounts = new HashMap<>();
            }
            return childCounts.merge(childName, 1, Integer::sum);
        }
    }
}
