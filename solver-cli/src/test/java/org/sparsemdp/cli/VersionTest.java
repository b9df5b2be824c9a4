package org.sparsemdp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class VersionTest {
    /** The project version as the parent pom declares it (the first {@code <version>} after the parent's artifactId). */
    private static String pomVersion() throws IOException {
        String pom = Files.readString(Path.of("../pom.xml"));
        Matcher m = Pattern.compile("<artifactId>sparsemdp-parent</artifactId>\\s*<version>([^<]+)</version>").matcher(pom);
        assertTrue(m.find(), "no project version in ../pom.xml");
        return m.group(1);
    }

    @Test
    void versionOptionPrintsTheBuildVersion() throws IOException {
        CliTest.Run r = CliTest.run("--version");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("sparsemdp " + pomVersion() + "\n"), r.out());
    }
}
