package org.sparsemdp.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import org.sparsemdp.io.ModelFormatException;
import org.junit.jupiter.api.Test;

class SubstationNetworkCsvTest {
    private static SubstationNetworkCsv.Network read(String text) throws IOException {
        return SubstationNetworkCsv.read(new StringReader(text), "net.csv");
    }

    private static String error(String text) {
        return assertThrows(ModelFormatException.class, () -> read(text)).getMessage();
    }

    @Test
    void readsRowsInAnyOrderAndColumnsInAnyOrder() throws IOException {
        SubstationNetworkCsv.Network n = read("users,node,distance,parent\n# comment\n5,2,1.5,1\n\n7,1,2,0\n");
        assertEquals(2, n.network().numSubstations());
        assertEquals(1, n.network().parent(2));
        assertArrayEquals(new double[] {7, 5}, n.users());
        assertArrayEquals(new double[] {0.5, 0.5}, n.prior(), "uniform without a prior column");
        assertEquals(2 + 1.5, n.network().travelTimes()[0][2], 1e-12);
    }

    @Test
    void errorsNameTheLine() {
        assertTrue(error("node,parent,distance,users\n1,0,1,1\n1,0,1,1\n").startsWith("net.csv:3:"));
        assertTrue(error("node,parent,distance\n1,0,1\n").contains("users"));
        assertTrue(error("node,parent,distance,users\n1,0,x,1\n").startsWith("net.csv:2:"));
        assertTrue(error("node,parent,distance,users\n1,0,1,1\n3,1,1,1\n").startsWith("net.csv:3:"), "node out of range");
        assertTrue(error("node,parent,distance,users\n1,0,1,1\n2,3,1,1\n3,2,1,1\n").contains("cycle"));
        assertTrue(error("node,parent,distance,users,colour\n").contains("colour"));
        assertTrue(error("").contains("empty"));
    }
}
