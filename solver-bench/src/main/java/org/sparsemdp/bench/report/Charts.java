package org.sparsemdp.bench.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Renders {@link Series} as PNG line charts with XChart (works headless: run with
 * {@code -Djava.awt.headless=true}, which {@link BenchReport} sets).
 */
final class Charts {
    static final int WIDTH = 900;
    static final int HEIGHT = 600;

    private Charts() {
    }

    private static double yRatio(List<Series> series) {
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (Series s : series) {
            for (double y : s.y()) {
                if (y > 0) {
                    min = Math.min(min, y);
                    max = Math.max(max, y);
                }
            }
        }
        return max / min;
    }

    /** Axes of a chart. */
    record Axes(String x, String y, boolean logX, boolean logY) {
    }

    /**
     * Writes a chart of {@code series} to {@code file}; {@code ideal}, when non-null, adds a dashed
     * y = x line over the x range (for speed-up charts).
     */
    static void write(Path file, String title, Axes axes, List<Series> series, boolean ideal) throws IOException {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(axes.x())
                .yAxisTitle(axes.y()).build();
        Styler.ChartTheme theme = Styler.ChartTheme.XChart;
        chart.getStyler().setTheme(theme.newInstance(theme));
        chart.getStyler().setXAxisLogarithmic(axes.logX());
        chart.getStyler().setYAxisLogarithmic(axes.logY());
        if (!axes.logY()) {
            chart.getStyler().setYAxisMin(0.0); // ratios and speed-ups: do not exaggerate differences
        }
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Vertical);
        // Long titles (constant parameters) get a smaller font rather than being cut at the edges.
        int titleSize = title.length() <= 60 ? 18 : title.length() <= 85 ? 15 : 12;
        chart.getStyler().setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, titleSize));
        chart.getStyler().setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 15));
        chart.getStyler().setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        chart.getStyler().setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotGridLinesColor(new Color(225, 225, 225));
        chart.getStyler().setMarkerSize(9);
        chart.getStyler().setDecimalPattern("#,##0.###");
        double minX = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            XYSeries xy = chart.addSeries(s.name(), s.x(), s.y());
            xy.setMarker(SeriesMarkers.CIRCLE);
            xy.setLineStyle(new BasicStroke(2.2f));
            for (double x : s.x()) {
                minX = Math.min(minX, x);
                maxX = Math.max(maxX, x);
            }
        }
        // Log axes: x labelled at the decades when it spans one or more (sizes are powers of ten);
        // y at 1..9 × 10^k within two decades, at the decades only beyond that.
        chart.getStyler().setXAxisLogarithmicDecadeOnly(maxX >= 10 * minX);
        chart.getStyler().setYAxisLogarithmicDecadeOnly(yRatio(series) >= 100);
        if (ideal && minX < maxX) {
            XYSeries line = chart.addSeries("ideal (linear)", new double[] {minX, maxX}, new double[] {1, maxX / minX});
            line.setMarker(SeriesMarkers.NONE);
            line.setLineColor(Color.GRAY);
            line.setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                    new float[] {6f, 6f}, 0f));
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
        }
    }
}
