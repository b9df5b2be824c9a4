package org.sparsemdp.generate;

import java.util.Arrays;

/**
 * One observation of {@link SubstationTreeGenerator}: the set of fault candidates (a connected
 * set of substations, as a bit set over node ids) and the crew's location. Equality and hash over
 * both; the natural order is the model's numbering: candidate sets compared as ascending member
 * lists lexicographically (a proper prefix first), then the crew's location. On a path the
 * candidate sets are intervals [l, r] and this is the line generator's order (l, then r, then the
 * crew at l − 1 before r + 1).
 */
final class CandidateBlock implements Comparable<CandidateBlock> {
    final long[] bits;
    final int crew;
    private int[] members; // ascending, computed on first use (lookup keys never need it)
    private final int hash;
    int index = -1;      // position in the model's order, once sorted
    int base = -1;       // first state of the block

    CandidateBlock(long[] bits, int crew) {
        this.bits = bits;
        this.crew = crew;
        this.hash = 31 * Arrays.hashCode(bits) + crew;
    }

    /** The members, ascending (not a copy). */
    int[] members() {
        if (members == null) {
            members = members(bits);
        }
        return members;
    }

    static int[] members(long[] bits) {
        int count = 0;
        for (long w : bits) {
            count += Long.bitCount(w);
        }
        int[] m = new int[count];
        int k = 0;
        for (int w = 0; w < bits.length; w++) {
            for (long x = bits[w]; x != 0; x &= x - 1) {
                m[k++] = (w << 6) + Long.numberOfTrailingZeros(x);
            }
        }
        return m;
    }

    /** The position of substation f among the members (f must be a member). */
    int rank(int f) {
        int w = f >>> 6;
        int r = Long.bitCount(bits[w] & ((1L << (f & 63)) - 1));
        for (int i = 0; i < w; i++) {
            r += Long.bitCount(bits[i]);
        }
        return r;
    }

    int size() {
        return members().length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CandidateBlock b && b.crew == crew && Arrays.equals(b.bits, bits);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public int compareTo(CandidateBlock o) {
        int c = Arrays.compare(members(), o.members());
        return c != 0 ? c : Integer.compare(crew, o.crew);
    }

    /** The candidates as ranges of consecutive ids, e.g. {@code 2..5} or {@code 2..3+7}. */
    String describe() {
        StringBuilder sb = new StringBuilder();
        int[] members = members();
        for (int i = 0; i < members.length; ) {
            int j = i;
            while (j + 1 < members.length && members[j + 1] == members[j] + 1) {
                j++;
            }
            if (sb.length() > 0) {
                sb.append('+');
            }
            sb.append(members[i]);
            if (j > i) {
                sb.append("..").append(members[j]);
            }
            i = j + 1;
        }
        return sb.toString();
    }
}
