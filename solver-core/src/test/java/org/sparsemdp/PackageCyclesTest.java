package org.sparsemdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.sparsemdp.testing.PackageCycles;

/**
 * No package of solver-core's main code depends, directly or through others, on itself. The one
 * exception by design: {@code io} and its per-format sub-packages ({@code io.prism}, {@code io.umb},
 * ...) count as one package, since the format registry {@code io.ModelFormats} dispatches to the
 * formats, which share {@code io}'s line reader, errors and model type. Every other sub-package
 * ({@code solve.undiscounted}, {@code solve.average}, ...) counts on its own.
 */
class PackageCyclesTest {
    @Test
    void solverCoreHasNoPackageCycle() {
        PackageCycles graph = new PackageCycles("org.sparsemdp.").treatAsOne("org.sparsemdp.io")
                .addSourceTree(Path.of("src/main/java"));
        assertTrue(graph.dependencies().size() >= 12, "the sources were found: " + graph.dependencies().keySet());
        assertTrue(graph.dependencies().get("org.sparsemdp.property").contains("org.sparsemdp.solve"),
                "imports are read");
        assertEquals("", graph.describe(), "package cycles in solver-core");
    }

    @Test
    void theCheckerFindsAnInjectedCycle() {
        PackageCycles graph = new PackageCycles("x.")
                .add("package x.a;\nimport x.b.B;\nclass A { B b; }")
                .add("package x.b;\nimport static x.c.C.f;\nclass B { }")
                // a fully qualified name in code counts; one in a comment or a string does not
                .add("package x.c;\n/** see {@link x.d.D} */\nclass C { String s = \"x.e.E\"; Object o = new x.a.A(); }")
                .add("package x.d;\nimport x.a.*;\nclass D { }")
                .add("package x.e;\nclass E { }");
        assertEquals(List.of(List.of("x.a", "x.b", "x.c")), graph.cycles());
        assertEquals(Set.of("x.a"), graph.dependencies().get("x.c"));
        assertEquals(Set.of("x.a"), graph.dependencies().get("x.d"), "an on-demand import names its package");
        assertTrue(graph.describe().contains("x.c -> x.a"), graph.describe());
    }

    @Test
    void aDagHasNoCycleAndASelfImportIsNone() {
        PackageCycles graph = new PackageCycles("x.")
                .add("package x.a;\nimport x.b.B;\nimport x.a.Other;\nclass A { }")
                .add("package x.b;\nimport x.c.C;\nimport java.util.List;\nclass B { }")
                .add("package x.c;\nclass C { }");
        assertEquals(List.of(), graph.cycles());
        assertEquals(Set.of("x.b"), graph.dependencies().get("x.a"));
    }

    @Test
    void subPackagesTreatedAsOneHideOnlyTheirOwnCycle() {
        String parent = "package x.io;\nimport x.io.fmt.F;\nclass R { }";
        String format = "package x.io.fmt;\nimport x.io.R;\nclass F { }";
        assertEquals(List.of(List.of("x.io", "x.io.fmt")), new PackageCycles("x.").add(parent).add(format).cycles());
        assertEquals(List.of(), new PackageCycles("x.").treatAsOne("x.io").add(parent).add(format).cycles());
        // a cycle through another package is still found
        assertEquals(List.of(List.of("x.gen", "x.io")), new PackageCycles("x.").treatAsOne("x.io").add(parent)
                .add("package x.io.fmt;\nimport x.gen.G;\nclass F { }").add("package x.gen;\nimport x.io.R;\nclass G { }")
                .cycles());
    }
}
