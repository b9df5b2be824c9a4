package org.sparsemdp.spark;

/**
 * What a distributed run exchanged and how long its exchanges took, for the benchmark and the
 * summary. Byte counts are payloads (8 bytes per value, plus 20 bytes per block for its offset
 * and change range), without Java serialization headers (under 100 bytes per message) and
 * without Spark's task descriptions.
 *
 * @param exchanges            exchanges (outer iterations) performed, not counting the final pass
 * @param sweepsPerExchange    block sweeps per exchange (1 Jacobi + k−1 Gauss–Seidel)
 * @param broadcastBytes       bytes of one broadcast of the value vector (sent to every executor)
 * @param collectedBytes       bytes collected from all blocks in one exchange
 * @param exchangeSeconds      wall time of all exchanges (broadcast, block sweeps, collect, assembly)
 * @param finishSeconds        wall time of the final pass (values, bounds and policy per block)
 * @param sentBytes            bytes sent to the blocks one by one in one exchange (the halo exchange:
 *                             each block's own and halo values, {@link ValueExchange}); 0 with the broadcast
 */
public record ExchangeStats(long exchanges, int sweepsPerExchange, long broadcastBytes, long collectedBytes,
                            double exchangeSeconds, double finishSeconds, long sentBytes) {
    /** Statistics of a run that broadcasts its vectors whole (nothing sent block by block). */
    public ExchangeStats(long exchanges, int sweepsPerExchange, long broadcastBytes, long collectedBytes,
                         double exchangeSeconds, double finishSeconds) {
        this(exchanges, sweepsPerExchange, broadcastBytes, collectedBytes, exchangeSeconds, finishSeconds, 0);
    }

    /** Average wall time of one exchange. */
    public double secondsPerExchange() {
        return exchanges == 0 ? Double.NaN : exchangeSeconds / exchanges;
    }

    /** Payload bytes moved per exchange: one broadcast per executor, the values sent per block, the collected blocks. */
    public long bytesPerExchange(int executors) {
        return broadcastBytes * executors + sentBytes + collectedBytes;
    }
}
