package dev.portwatch.cli;

import dev.portwatch.core.ProtocolChoice;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.util.Locale;

/** Parses {@code tcp}, {@code udp} or {@code both} case-insensitively. */
public final class ProtocolChoiceConverter implements ITypeConverter<ProtocolChoice> {

    @Override
    public ProtocolChoice convert(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "tcp" -> ProtocolChoice.TCP;
            case "udp" -> ProtocolChoice.UDP;
            case "both", "all" -> ProtocolChoice.BOTH;
            default -> throw new TypeConversionException("expected tcp, udp or both, not '" + value + "'");
        };
    }
}
