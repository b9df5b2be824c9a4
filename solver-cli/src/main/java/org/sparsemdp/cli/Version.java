package org.sparsemdp.cli;

import picocli.CommandLine.IVersionProvider;

/** Reports the version from the jar manifest, or "development" when run from classes. */
final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = SparseMdpCli.class.getPackage().getImplementationVersion();
        return new String[] {"sparsemdp " + (v == null ? "development" : v)};
    }
}
