package dev.portwatch.model;

import java.util.Objects;

/**
 * A container as the container engine names it.
 *
 * @param id    the container id (short or full); never {@code null}
 * @param name  the container's name without the leading slash ({@code "shop-db"}); never {@code null}
 * @param image the image it runs ({@code "postgres:16"}); empty when unknown
 */
public record ContainerInfo(String id, String name, String image) {

    /** Validates the fields. */
    public ContainerInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(image, "image");
    }
}
