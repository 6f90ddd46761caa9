package io.tracegate.gateway.verify;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.datamatrix.DataMatrixWriter;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.EnumMap;
import java.util.Map;
import javax.imageio.ImageIO;

/** Photos of packs made in the tests: a GS1 DataMatrix generated with ZXing, printed on a label on a grey pack. */
public final class DataMatrixPhotos {

    private DataMatrixPhotos() {
    }

    /**
     * A "photo": the GS1 DataMatrix of {@code data} (FNC1 first, GS as FNC1) printed {@code codeSide} pixels wide on
     * a grey pack, rotated by {@code degrees}, in a {@code width} x {@code height} picture.
     */
    public static byte[] photo(String data, int codeSide, int width, int height, double degrees, String format)
            throws IOException {
        Map<EncodeHintType, Object> hints = new EnumMap<>(EncodeHintType.class);
        hints.put(EncodeHintType.GS1_FORMAT, true);
        hints.put(EncodeHintType.DATA_MATRIX_COMPACT, true);
        hints.put(EncodeHintType.MARGIN, 2);
        BitMatrix matrix = new DataMatrixWriter().encode(data, BarcodeFormat.DATA_MATRIX, codeSide, codeSide, hints);
        BufferedImage code = MatrixToImageWriter.toBufferedImage(matrix);
        BufferedImage picture = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = picture.createGraphics();
        g.setColor(new Color(200, 200, 195));
        g.fillRect(0, 0, width, height);
        g.setColor(Color.WHITE);
        int x = (width - code.getWidth()) / 2;
        int y = (height - code.getHeight()) / 2;
        AffineTransform rotation = AffineTransform.getRotateInstance(Math.toRadians(degrees), width / 2.0,
                height / 2.0);
        g.setTransform(rotation);
        g.fillRect(x - 20, y - 20, code.getWidth() + 40, code.getHeight() + 40);
        g.drawImage(code, x, y, null);
        g.dispose();
        return encode(picture, format);
    }

    public static byte[] encode(BufferedImage image, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, format, out);
        return out.toByteArray();
    }
}
