package io.tracegate.gateway.exchange;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A MIME {@code Content-Type} value: the media type (lower case) and its parameters (names lower case, values
 * unquoted). Parsed leniently, as partners write it: quoted or bare values, spaces around {@code ;} and {@code =}.
 */
record ContentType(String mediaType, Map<String, String> parameters) {

    ContentType {
        parameters = Map.copyOf(parameters);
    }

    static ContentType of(String mediaType) {
        return new ContentType(mediaType, Map.of());
    }

    static ContentType parse(String value) {
        if (value == null || value.isBlank()) {
            throw new MessageFormatException("the Content-Type is missing");
        }
        int semicolon = value.indexOf(';');
        String type = (semicolon < 0 ? value : value.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
        if (!type.contains("/")) {
            throw new MessageFormatException("the Content-Type '" + value + "' names no media type");
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        int i = semicolon < 0 ? value.length() : semicolon + 1;
        while (i < value.length()) {
            int equals = value.indexOf('=', i);
            if (equals < 0) {
                break; // a trailing ';' or a bare token: nothing more to read
            }
            String name = value.substring(i, equals).strip().toLowerCase(Locale.ROOT);
            int start = equals + 1;
            while (start < value.length() && value.charAt(start) == ' ') {
                start++;
            }
            StringBuilder parameter = new StringBuilder();
            int end;
            if (start < value.length() && value.charAt(start) == '"') {
                end = start + 1;
                while (end < value.length() && value.charAt(end) != '"') {
                    if (value.charAt(end) == '\\' && end + 1 < value.length()) {
                        end++;
                    }
                    parameter.append(value.charAt(end++));
                }
                end = value.indexOf(';', end);
            } else {
                end = value.indexOf(';', start);
                parameter.append(value, start, end < 0 ? value.length() : end);
            }
            parameters.put(name, parameter.toString().strip());
            i = end < 0 ? value.length() : end + 1;
        }
        return new ContentType(type, parameters);
    }

    String parameter(String name) {
        return parameters.get(name);
    }

    boolean is(String type) {
        return mediaType.equals(type);
    }

    /** {@code application/pkcs7-mime} and its pre-RFC 5751 alias {@code application/x-pkcs7-mime}. */
    boolean isPkcs7Mime() {
        return mediaType.equals("application/pkcs7-mime") || mediaType.equals("application/x-pkcs7-mime");
    }
}
