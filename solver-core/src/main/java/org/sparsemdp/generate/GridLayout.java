package org.sparsemdp.generate;

import java.util.SplittableRandom;

/**
 * The map of a grid world: a width × height array of cells, each free, a wall (obstacle), a goal
 * or a trap, and a start cell. Cells are numbered row-major, {@code cell = row·width + column},
 * row 0 at the top. Immutable.
 *
 * <p>Two ways to make one: {@link #parse(String)} reads a text map ({@code .} free, {@code #} wall,
 * {@code G} goal, {@code T} trap, {@code S} the start, which is free), and
 * {@link #random(int, int, double, double, long)} draws one from a seed.
 */
public final class GridLayout {
    /** A free cell. */
    public static final byte FREE = 0;
    /** An obstacle: not a state; moving into it leaves the agent where it is. */
    public static final byte WALL = 1;
    /** A goal: a terminal state, entering it earns the goal reward. */
    public static final byte GOAL = 2;
    /** A trap: a terminal state, entering it earns the trap reward. */
    public static final byte TRAP = 3;
    /** How many layouts {@link #random} draws at most before giving up on an enclosed start. */
    public static final int MAX_ATTEMPTS = 1000;

    private final int width;
    private final int height;
    private final byte[] cells;
    private final int start;

    private GridLayout(int width, int height, byte[] cells, int start) {
        this.width = width;
        this.height = height;
        this.cells = cells;
        this.start = start;
    }

    /**
     * Parses a text map: one line per row, all of the same length, characters {@code .} (free),
     * {@code #} (wall), {@code G} (goal), {@code T} (trap), {@code S} (start, free; exactly one).
     * Blank lines and trailing whitespace are ignored.
     *
     * @throws IllegalArgumentException naming the row and column of a bad character, or when rows
     *                                  differ in length, or there is not exactly one start
     */
    public static GridLayout parse(String map) {
        String[] lines = map.strip().split("\\R");
        int height = 0;
        int width = -1;
        for (String line : lines) {
            String row = line.stripTrailing();
            if (row.isEmpty()) {
                continue;
            }
            if (width < 0) {
                width = row.length();
            } else if (row.length() != width) {
                throw new IllegalArgumentException("grid map: row " + (height + 1) + " has " + row.length()
                        + " cells, the first row has " + width);
            }
            height++;
        }
        if (height == 0) {
            throw new IllegalArgumentException("grid map: empty");
        }
        checkSize(width, height);
        byte[] cells = new byte[width * height];
        int start = -1;
        int r = 0;
        for (String line : lines) {
            String row = line.stripTrailing();
            if (row.isEmpty()) {
                continue;
            }
            for (int c = 0; c < width; c++) {
                char ch = row.charAt(c);
                int cell = r * width + c;
                switch (ch) {
                    case '.':
                        cells[cell] = FREE;
                        break;
                    case 'S':
                        if (start >= 0) {
                            throw new IllegalArgumentException("grid map: a second start S at row " + (r + 1)
                                    + ", column " + (c + 1));
                        }
                        start = cell;
                        cells[cell] = FREE;
                        break;
                    case '#':
                        cells[cell] = WALL;
                        break;
                    case 'G':
                        cells[cell] = GOAL;
                        break;
                    case 'T':
                        cells[cell] = TRAP;
                        break;
                    default:
                        throw new IllegalArgumentException("grid map: unknown character '" + ch + "' at row " + (r + 1)
                                + ", column " + (c + 1) + " (expected . # G T S)");
                }
            }
            r++;
        }
        if (start < 0) {
            throw new IllegalArgumentException("grid map: no start cell S");
        }
        return new GridLayout(width, height, cells, start);
    }

    /**
     * Draws a layout from {@code seed}: the start is the top-left cell and the goal the
     * bottom-right one; every other cell is, independently, a wall with probability
     * {@code wallDensity}, a trap with probability {@code trapDensity} and free otherwise (one
     * {@link SplittableRandom#nextDouble()} per cell, in row-major order). If no terminal cell can
     * be reached from the start through free cells, the whole layout is drawn again from the same
     * generator (at most {@link #MAX_ATTEMPTS} times). Free cells from which no terminal cell can be
     * reached are then turned into walls, so every state of the generated model can reach a
     * terminal state. Each draw takes time and memory linear in the number of cells.
     *
     * @throws IllegalArgumentException if a density is out of range or every draw enclosed the start
     */
    public static GridLayout random(int width, int height, double wallDensity, double trapDensity, long seed) {
        checkSize(width, height);
        if (width * height < 2) {
            throw new IllegalArgumentException("grid: need at least 2 cells for a start and a goal");
        }
        if (!(wallDensity >= 0 && trapDensity >= 0 && wallDensity + trapDensity < 1)) {
            throw new IllegalArgumentException("grid: need wall density >= 0, trap density >= 0 and their sum < 1, got "
                    + wallDensity + " and " + trapDensity);
        }
        SplittableRandom rng = new SplittableRandom(seed);
        int n = width * height;
        byte[] cells = new byte[n];
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            for (int cell = 1; cell < n - 1; cell++) {
                double u = rng.nextDouble();
                cells[cell] = u < wallDensity ? WALL : u < wallDensity + trapDensity ? TRAP : FREE;
            }
            cells[0] = FREE;
            cells[n - 1] = GOAL;
            GridLayout layout = new GridLayout(width, height, cells, 0);
            boolean[] reaches = layout.reachesTerminal();
            if (!reaches[0]) {
                continue; // the start is enclosed: draw again from the same generator
            }
            for (int cell = 0; cell < n; cell++) {
                if (cells[cell] == FREE && !reaches[cell]) {
                    cells[cell] = WALL;
                }
            }
            return layout;
        }
        throw new IllegalArgumentException("grid: in " + MAX_ATTEMPTS + " draws from seed " + seed
                + " the start cell was always enclosed by walls; lower the wall density");
    }

    private static void checkSize(int width, int height) {
        if (width <= 0 || height <= 0 || (long) width * height > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("grid: width and height must be positive with width*height < 2^31, got "
                    + width + " x " + height);
        }
    }

    /**
     * Marks the cells that are terminal or free with a path of free cells (4-neighbour moves) to
     * a terminal cell: a breadth-first search backwards from the terminal cells, linear time.
     */
    boolean[] reachesTerminal() {
        int n = cells.length;
        boolean[] seen = new boolean[n];
        int[] queue = new int[n];
        int head = 0;
        int tail = 0;
        for (int cell = 0; cell < n; cell++) {
            if (cells[cell] == GOAL || cells[cell] == TRAP) {
                seen[cell] = true;
                queue[tail++] = cell;
            }
        }
        while (head < tail) {
            int cell = queue[head++];
            int r = cell / width;
            int c = cell - r * width;
            if (r > 0) {
                tail = visit(cell - width, seen, queue, tail);
            }
            if (r < height - 1) {
                tail = visit(cell + width, seen, queue, tail);
            }
            if (c > 0) {
                tail = visit(cell - 1, seen, queue, tail);
            }
            if (c < width - 1) {
                tail = visit(cell + 1, seen, queue, tail);
            }
        }
        return seen;
    }

    private int visit(int cell, boolean[] seen, int[] queue, int tail) {
        if (!seen[cell] && cells[cell] == FREE) {
            seen[cell] = true;
            queue[tail++] = cell;
        }
        return tail;
    }

    /** The number of columns. */
    public int width() {
        return width;
    }

    /** The number of rows. */
    public int height() {
        return height;
    }

    /** The type of a cell: {@link #FREE}, {@link #WALL}, {@link #GOAL} or {@link #TRAP}. */
    public byte cell(int row, int column) {
        return cells[row * width + column];
    }

    /** The start cell, row-major. */
    public int startCell() {
        return start;
    }

    byte cellAt(int cell) {
        return cells[cell];
    }

    /** The map in the text form read by {@link #parse(String)}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder((width + 1) * height);
        for (int cell = 0; cell < cells.length; cell++) {
            sb.append(cell == start ? 'S' : ".#GT".charAt(cells[cell]));
            if ((cell + 1) % width == 0) {
                sb.append('\n');
            }
        }
        return sb.toString();
    }
}
