package org.sparsemdp.solve;

/**
 * The name of a configured solver variant, so that benchmark results and the {@code method} of a
 * {@link org.sparsemdp.result.Solution} tell variants apart: the registered name, followed, if any setting differs from
 * the default configuration, by those settings in brackets as {@code key=value} pairs separated by
 * commas, in the order the solver documents, e.g. {@code pi[krylov=gmres,fraction=0.01]},
 * {@code sor[omega=1.5]}, {@code gs[reorder=rcm]}. The default configuration keeps the plain name
 * ({@code pi}). Values are keywords as on the command line or numbers as {@link Double#toString}
 * prints them. Names are built with {@link #of}, e.g.
 * {@code VariantName.of("sor").with(omega != 1.2, "omega", omega).toString()}.
 */
public final class VariantName {
    private final String base;
    private final StringBuilder settings = new StringBuilder();

    private VariantName(String base) {
        this.base = base;
    }

    /** A name starting from the registered name {@code base}, without settings. */
    public static VariantName of(String base) {
        if (base == null || base.isEmpty() || base.indexOf('[') >= 0) {
            throw new IllegalArgumentException("a base name must be non-empty and without '[': " + base);
        }
        return new VariantName(base);
    }

    /** Adds {@code key=value}. */
    public VariantName with(String key, Object value) {
        settings.append(settings.length() == 0 ? "" : ",").append(key).append('=').append(value);
        return this;
    }

    /** Adds {@code key=value} if {@code differs} (from the default configuration). */
    public VariantName with(boolean differs, String key, Object value) {
        return differs ? with(key, value) : this;
    }

    /** {@code base} or {@code base[settings]}. */
    @Override
    public String toString() {
        return settings.length() == 0 ? base : base + "[" + settings + "]";
    }

    /** The registered name of a variant name: {@code pi[krylov=gmres]} → {@code pi}. */
    public static String base(String name) {
        int bracket = name.indexOf('[');
        return bracket < 0 ? name : name.substring(0, bracket);
    }

    /**
     * {@code name} with one more setting: {@code gs} → {@code gs[reorder=rcm]},
     * {@code sor[omega=1.5]} → {@code sor[omega=1.5,reorder=rcm]}.
     */
    public static String with(String name, String key, Object value) {
        String setting = key + "=" + value;
        return name.endsWith("]") ? name.substring(0, name.length() - 1) + "," + setting + "]"
                : name + "[" + setting + "]";
    }
}
