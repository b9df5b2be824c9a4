package org.sparsemdp.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Package dependency cycles among Java sources: the dependencies of a package are the packages
 * its files import (single-type, on-demand and static imports) or name fully qualified in code
 * (comments and string literals removed), restricted to packages under a common prefix; the
 * cycles are the strongly connected components with more than one package (Tarjan 1972,
 * iteratively). Used by {@code PackageCyclesTest} on solver-core's main sources; any module can
 * run it on its own.
 */
public final class PackageCycles {
    private static final Pattern PACKAGE = Pattern.compile("^\\s*package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);
    private static final Pattern IMPORT = Pattern.compile("^\\s*import\\s+(?:static\\s+)?([\\w.]+)(?:\\.\\*)?\\s*;",
            Pattern.MULTILINE);
    private static final Pattern COMMENT_OR_STRING = Pattern.compile(
            "/\\*.*?\\*/|//[^\\n]*|\"\"\"(?:\\\\.|[^\\\\])*?\"\"\"|\"(?:\\\\.|[^\"\\\\\\n])*\"|'(?:\\\\.|[^'\\\\\\n])+'",
            Pattern.DOTALL);

    private final String prefix;
    private final Map<String, Set<String>> dependencies = new TreeMap<>();
    private final List<String> units = new ArrayList<>();

    /** A graph of the packages whose names start with {@code prefix} (e.g. {@code org.sparsemdp.}). */
    public PackageCycles(String prefix) {
        this.prefix = prefix;
    }

    /**
     * Counts {@code pkg} and its sub-packages as one package (call before adding sources): for a
     * registry whose per-format sub-packages use their parent's shared helpers by design.
     */
    public PackageCycles treatAsOne(String pkg) {
        units.add(pkg);
        return this;
    }

    private String unit(String pkg) {
        for (String u : units) {
            if (pkg.startsWith(u + ".")) {
                return u;
            }
        }
        return pkg;
    }

    /** Adds every {@code .java} file under {@code root}. */
    public PackageCycles addSourceTree(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                add(Files.readString(f));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Adds the dependencies of one compilation unit given as text. */
    public PackageCycles add(String source) {
        String code = COMMENT_OR_STRING.matcher(source).replaceAll(m -> m.group().startsWith("/") ? " " : "\"\"");
        Matcher pm = PACKAGE.matcher(code);
        if (!pm.find()) {
            return this; // the default package, or package-info without a declaration
        }
        String pkg = unit(pm.group(1));
        Set<String> deps = dependencies.computeIfAbsent(pkg, k -> new TreeSet<>());
        if (!pkg.startsWith(prefix)) {
            return this;
        }
        Matcher im = IMPORT.matcher(code);
        while (im.find()) {
            deps.add(unit(packageOf(im.group(1), code.substring(im.start(), im.end()).contains(".*"))));
        }
        String body = IMPORT.matcher(PACKAGE.matcher(code).replaceFirst("")).replaceAll("");
        Matcher qm = Pattern.compile("\\b(" + Pattern.quote(prefix) + "[\\w.]*?)\\.[A-Z]").matcher(body);
        while (qm.find()) {
            deps.add(unit(qm.group(1)));
        }
        deps.removeIf(d -> d.equals(pkg) || !d.startsWith(prefix));
        return this;
    }

    /** The package of an imported name: the part before its first capitalised segment (or the whole name for {@code p.*}). */
    private static String packageOf(String name, boolean onDemand) {
        String[] parts = name.split("\\.");
        StringBuilder pkg = new StringBuilder();
        for (String part : parts) {
            if (!part.isEmpty() && Character.isUpperCase(part.charAt(0))) {
                break;
            }
            pkg.append(pkg.length() == 0 ? "" : ".").append(part);
        }
        return onDemand && pkg.toString().equals(name) ? name : pkg.toString();
    }

    /** The packages each package depends on (within the prefix). */
    public Map<String, Set<String>> dependencies() {
        return Collections.unmodifiableMap(dependencies);
    }

    /** The package cycles: strongly connected components of two or more packages, each sorted, in a stable order. */
    public List<List<String>> cycles() {
        List<String> nodes = new ArrayList<>(dependencies.keySet());
        for (Set<String> d : dependencies.values()) {
            for (String p : d) {
                if (!dependencies.containsKey(p) && !nodes.contains(p)) {
                    nodes.add(p);
                }
            }
        }
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new TreeSet<>();
        List<List<String>> out = new ArrayList<>();
        int[] counter = {0};
        for (String root : nodes) {
            if (index.containsKey(root)) {
                continue;
            }
            // iterative Tarjan: a frame is a node and the iterator over its successors
            Deque<Map.Entry<String, java.util.Iterator<String>>> frames = new ArrayDeque<>();
            visit(root, index, low, stack, onStack, counter, frames);
            while (!frames.isEmpty()) {
                Map.Entry<String, java.util.Iterator<String>> top = frames.peek();
                String v = top.getKey();
                if (top.getValue().hasNext()) {
                    String w = top.getValue().next();
                    if (!index.containsKey(w)) {
                        visit(w, index, low, stack, onStack, counter, frames);
                    } else if (onStack.contains(w)) {
                        low.put(v, Math.min(low.get(v), index.get(w)));
                    }
                    continue;
                }
                frames.pop();
                if (!frames.isEmpty()) {
                    String parent = frames.peek().getKey();
                    low.put(parent, Math.min(low.get(parent), low.get(v)));
                }
                if (low.get(v).equals(index.get(v))) {
                    List<String> component = new ArrayList<>();
                    String w;
                    do {
                        w = stack.pop();
                        onStack.remove(w);
                        component.add(w);
                    } while (!w.equals(v));
                    if (component.size() > 1) {
                        Collections.sort(component);
                        out.add(component);
                    }
                }
            }
        }
        out.sort((a, b) -> a.get(0).compareTo(b.get(0)));
        return out;
    }

    private void visit(String v, Map<String, Integer> index, Map<String, Integer> low, Deque<String> stack,
                       Set<String> onStack, int[] counter, Deque<Map.Entry<String, java.util.Iterator<String>>> frames) {
        index.put(v, counter[0]);
        low.put(v, counter[0]++);
        stack.push(v);
        onStack.add(v);
        frames.push(Map.entry(v, dependencies.getOrDefault(v, Set.of()).iterator()));
    }

    /**
     * One line per cycle naming its packages and, for each dependency inside it, the edge, e.g.
     * {@code [a, b]: a -> b, b -> a}; empty if there is none.
     */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        for (List<String> c : cycles()) {
            sb.append(c).append(':');
            String sep = " ";
            for (String p : c) {
                for (String d : dependencies.getOrDefault(p, Set.of())) {
                    if (c.contains(d)) {
                        sb.append(sep).append(p).append(" -> ").append(d);
                        sep = ", ";
                    }
                }
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
