package io.flowcraft.api;

/**
 * A node's position on the canvas, in the browser's coordinate space.
 *
 * @param x horizontal coordinate, finite
 * @param y vertical coordinate, finite
 */
public record Position(double x, double y) {
    /** The origin. */
    public static final Position ORIGIN = new Position(0, 0);

    /**
     * Checks that both coordinates are finite.
     *
     * @throws IllegalArgumentException if a coordinate is NaN or infinite
     */
    public Position {
        if (!Double.isFinite(x) || !Double.isFinite(y)) {
            throw new IllegalArgumentException("position coordinates must be finite numbers");
        }
    }
}
