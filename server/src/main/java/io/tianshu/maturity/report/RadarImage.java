package io.tianshu.maturity.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Polygon;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import javax.imageio.ImageIO;

import io.tianshu.maturity.report.Report.Indicator;

/**
 * Draws a radar chart as PNG with Java2D, for the PDF (flying saucer renders no SVG).
 * Each axis is scaled to its own highest level, so 3-level and 5-level nodes share a
 * chart; the previous assessment, when there is one, is drawn dashed.
 */
final class RadarImage {

	private static final int SIZE = 900;

	private RadarImage() {
	}

	static byte[] png(List<Indicator> indicators, Font font) {
		BufferedImage image = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = image.createGraphics();
		try {
			g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
			g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
			g.setColor(Color.WHITE);
			g.fillRect(0, 0, SIZE, SIZE);
			int n = indicators.size();
			double cx = SIZE / 2.0;
			double cy = SIZE / 2.0;
			double radius = SIZE * 0.32;
			int rings = indicators.stream().mapToInt(Indicator::max).max().orElse(1);
			g.setStroke(new BasicStroke(1.5f));
			for (int ring = 1; ring <= rings; ring++) {
				g.setColor(new Color(0xD9D9D9));
				g.draw(polygon(n, cx, cy, radius * ring / rings, (i) -> 1.0));
			}
			for (int i = 0; i < n; i++) {
				double angle = angle(i, n);
				g.drawLine((int) cx, (int) cy, (int) (cx + radius * Math.cos(angle)),
						(int) (cy + radius * Math.sin(angle)));
			}
			if (indicators.stream().allMatch((x) -> x.previous() != null)) {
				g.setColor(new Color(0x8C8C8C));
				g.setStroke(new BasicStroke(3f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 1f,
						new float[] { 10f, 8f }, 0f));
				g.draw(polygon(n, cx, cy, radius,
						(i) -> indicators.get(i).previous() / Math.max(1, indicators.get(i).max())));
			}
			Polygon now = polygon(n, cx, cy, radius,
					(i) -> indicators.get(i).score() / Math.max(1, indicators.get(i).max()));
			g.setColor(new Color(22, 119, 255, 70));
			g.fill(now);
			g.setColor(new Color(0x1677FF));
			g.setStroke(new BasicStroke(4f));
			g.draw(now);
			if (font != null) {
				g.setFont(font.deriveFont(Font.PLAIN, 26f));
				g.setColor(new Color(0x262626));
				FontMetrics metrics = g.getFontMetrics();
				for (int i = 0; i < n; i++) {
					Indicator indicator = indicators.get(i);
					String label = (i + 1) + " " + shorten(indicator.name()) + " " + indicator.score();
					double angle = angle(i, n);
					int x = (int) (cx + (radius + 30) * Math.cos(angle));
					int y = (int) (cy + (radius + 30) * Math.sin(angle));
					int width = metrics.stringWidth(label);
					if (Math.cos(angle) < -0.2) {
						x -= width;
					}
					else if (Math.abs(Math.cos(angle)) <= 0.2) {
						x -= width / 2;
					}
					x = Math.max(4, Math.min(SIZE - width - 4, x));
					g.drawString(label, x, y + metrics.getAscent() / 2);
				}
			}
		}
		finally {
			g.dispose();
		}
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try {
			ImageIO.write(image, "png", out);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toByteArray();
	}

	private static String shorten(String name) {
		return (name.length() > 14) ? name.substring(0, 13) + "…" : name;
	}

	private static double angle(int i, int n) {
		return -Math.PI / 2 + 2 * Math.PI * i / Math.max(1, n);
	}

	private static Polygon polygon(int n, double cx, double cy, double radius,
			java.util.function.IntToDoubleFunction share) {
		Polygon polygon = new Polygon();
		for (int i = 0; i < n; i++) {
			double r = radius * Math.max(0, Math.min(1, share.applyAsDouble(i)));
			double angle = angle(i, n);
			polygon.addPoint((int) Math.round(cx + r * Math.cos(angle)), (int) Math.round(cy + r * Math.sin(angle)));
		}
		return polygon;
	}

}
