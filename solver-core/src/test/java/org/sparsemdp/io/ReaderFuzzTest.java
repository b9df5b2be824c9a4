package org.sparsemdp.io;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.sparsemdp.io.cassandra.CassandraReader;
import org.sparsemdp.io.drn.DrnReader;
import org.sparsemdp.io.prism.PrismExplicitReader;
import org.sparsemdp.io.mdp.MdpTextReader;
import org.sparsemdp.io.umb.UmbOptions;
import org.sparsemdp.io.umb.UmbReader;
import org.sparsemdp.model.Mdp;

/**
 * Coverage-guided fuzz tests of every reader (Jazzer, libFuzzer's engine for the JVM). The
 * property: on any input a reader either returns a valid model or throws
 * {@link ModelFormatException}; any other exception, an OutOfMemoryError or a hang is a finding.
 *
 * <p>In the regular build these run in Jazzer's regression mode: every seed and every saved
 * finding in {@code src/test/resources/org/sparsemdp/io/ReaderFuzzTestInputs/<method>/} is
 * replayed. {@code JAZZER_FUZZ=1 mvn test -Dtest=ReaderFuzzTest#umb} fuzzes one reader for the
 * {@code maxDuration} below; see the README ("Fuzzing") for longer runs. A crash found this way
 * is saved by Jazzer into the inputs directory and from then on replayed by the regular build.
 */
class ReaderFuzzTest {
    private static void check(Mdp mdp) {
        if (mdp.numStates() <= 0 || mdp.transitionStartArray()[mdp.numChoices()] != mdp.numTransitions()) {
            throw new AssertionError("reader returned an inconsistent model: " + mdp);
        }
    }

    @FuzzTest(maxDuration = "5s")
    void mdpText(byte[] input) throws IOException {
        try {
            check(MdpTextReader.read(new ByteArrayInputStream(input), "fuzz.mdp"));
        } catch (ModelFormatException expected) {
            // a clear error is the right answer for bad input
        }
    }

    @FuzzTest(maxDuration = "5s")
    void cassandra(byte[] input) throws IOException {
        try {
            check(CassandraReader.read(new ByteArrayInputStream(input), "fuzz.pomdp", true));
        } catch (ModelFormatException expected) {
            // a clear error is the right answer for bad input
        }
    }

    @FuzzTest(maxDuration = "5s")
    void umb(byte[] input) throws IOException {
        try {
            check(UmbReader.read(new ByteArrayInputStream(input), "fuzz.umb",
                    UmbOptions.defaults().underlyingMdpOfPomdp(true)));
        } catch (ModelFormatException expected) {
            // a clear error is the right answer for bad input
        }
    }

    @FuzzTest(maxDuration = "5s")
    void prismTra(byte[] input) throws IOException {
        try {
            check(PrismExplicitReader.readTransitions(new ByteArrayInputStream(input), "fuzz.tra"));
        } catch (ModelFormatException expected) {
            // a clear error is the right answer for bad input
        }
    }

    @FuzzTest(maxDuration = "5s")
    void drn(byte[] input) throws IOException {
        try {
            check(DrnReader.read(new ByteArrayInputStream(input), "fuzz.drn").mdp());
        } catch (ModelFormatException expected) {
            // a clear error is the right answer for bad input
        }
    }
}
