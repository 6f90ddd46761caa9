package io.tracegate.gateway.verify;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.LuminanceSource;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.NotFoundException;
import com.google.zxing.ReaderException;
import com.google.zxing.Result;
import com.google.zxing.ResultMetadataType;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.GlobalHistogramBinarizer;
import com.google.zxing.common.HybridBinarizer;
import io.tracegate.gateway.problem.ApiProblem;
import io.tracegate.gateway.problem.EpcisProblemType;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Finds the GS1 DataMatrix in a photo of a pack (JPEG or PNG) with ZXing and returns its scan data as a scanner
 * would send it: the symbology identifier ZXing reports ({@code ]d2} for GS1 DataMatrix) followed by the data, FNC1
 * separators as GS. The photo's size is read from its header first, so a huge image is refused before it is
 * decoded; a phone photo in which the code is small is tried again scaled down, which ZXing's detector prefers.
 */
@Component
class PhotoDecoder {

    /** A photo is tried as it is and, when larger, scaled to this longest side. */
    private static final int SCALED_SIDE = 1200;
    private static final char GS = 0x1D;
    private static final Map<DecodeHintType, Object> HINTS = new EnumMap<>(Map.of(
            DecodeHintType.POSSIBLE_FORMATS, List.of(BarcodeFormat.DATA_MATRIX),
            DecodeHintType.TRY_HARDER, Boolean.TRUE));

    private final long maxPixels;

    PhotoDecoder(VerifyProperties properties) {
        this.maxPixels = properties.maxImagePixels();
    }

    /** The scan data of the DataMatrix in the photo; 415 for no JPEG/PNG, 413 too large, 422 when none is found. */
    String decode(byte[] photo) {
        BufferedImage image = read(photo);
        for (BinaryBitmap candidate : candidates(image)) {
            try {
                Result result = new MultiFormatReader().decode(candidate, HINTS);
                Object symbology = result.getResultMetadata() == null ? null
                        : result.getResultMetadata().get(ResultMetadataType.SYMBOLOGY_IDENTIFIER);
                // an FNC1 the encoder put after a mode latch instead of first comes out as a leading GS: the
                // symbology identifier already says GS1
                String text = result.getText();
                int start = 0;
                while (start < text.length() && text.charAt(start) == GS) {
                    start++;
                }
                return (symbology == null ? "]d2" : symbology.toString()) + text.substring(start);
            } catch (NotFoundException e) {
                // try the next candidate
            } catch (ReaderException e) {
                // found but unreadable: the next candidate may read
            }
        }
        throw new ApiProblem(EpcisProblemType.VALIDATION, HttpStatus.UNPROCESSABLE_ENTITY, "image: no DataMatrix"
                + " code could be read in the photo (" + image.getWidth() + " x " + image.getHeight() + " pixels):"
                + " take it again closer to the code, in focus, without glare, or type the scan");
    }

    private BufferedImage read(byte[] photo) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(photo))) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                throw new ApiProblem(EpcisProblemType.UNSUPPORTED_MEDIA_TYPE, "image: the body is not a JPEG or PNG"
                        + " image");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
                if (pixels > maxPixels) {
                    throw new ApiProblem(EpcisProblemType.VALIDATION, HttpStatus.PAYLOAD_TOO_LARGE, "image: "
                            + reader.getWidth(0) + " x " + reader.getHeight(0) + " pixels is more than the "
                            + maxPixels + " decoded (tracegate.verify.max-image-pixels)");
                }
                return reader.read(0);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof ApiProblem problem) {
                throw problem;
            }
            throw new ApiProblem(EpcisProblemType.VALIDATION, HttpStatus.UNPROCESSABLE_ENTITY,
                    "image: the photo could not be read: " + e.getMessage());
        }
    }

    /**
     * The photo, and a scaled-down copy when it is large, each binarised two ways: locally (good on uneven light) and
     * with one global threshold, which finds a code on a white label on a darker pack when the label is turned: the
     * local one then takes the label's edge for the code's.
     */
    private static List<BinaryBitmap> candidates(BufferedImage image) {
        List<BinaryBitmap> candidates = new ArrayList<>();
        for (BufferedImage picture : pictures(image)) {
            LuminanceSource luminance = new BufferedImageLuminanceSource(picture);
            candidates.add(new BinaryBitmap(new HybridBinarizer(luminance)));
            candidates.add(new BinaryBitmap(new GlobalHistogramBinarizer(luminance)));
        }
        return candidates;
    }

    private static List<BufferedImage> pictures(BufferedImage image) {
        int side = Math.max(image.getWidth(), image.getHeight());
        if (side <= SCALED_SIDE) {
            return List.of(image);
        }
        double scale = (double) SCALED_SIDE / side;
        int width = Math.max(1, (int) Math.round(image.getWidth() * scale));
        int height = Math.max(1, (int) Math.round(image.getHeight() * scale));
        BufferedImage scaled = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = scaled.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(image, 0, 0, width, height, null);
        g.dispose();
        return List.of(image, scaled);
    }
}
