type JsQr<Result extends { data: string }> = (data: Uint8ClampedArray, width: number, height: number) => Result | null;

/**
 * Reads a QR from what the browser renders: the element's SVG is drawn as an image onto a canvas
 * at 8 px per module, and jsQR reads the pixels. Returns jsQR's whole result (text, version, the
 * segments it found), or null when it finds no code.
 */
export async function readRenderedQr<Result extends { data: string }>(svg: SVGSVGElement, jsQR: JsQr<Result>): Promise<Result | null> {
  const modules = Number(svg.getAttribute('viewBox')!.split(' ')[2]);
  const size = modules * 8;
  const markup = new XMLSerializer().serializeToString(svg);
  const url = URL.createObjectURL(new Blob([markup], { type: 'image/svg+xml' }));
  try {
    const image = new Image(size, size);
    image.src = url;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = size;
    canvas.height = size;
    const context = canvas.getContext('2d')!;
    context.drawImage(image, 0, 0, size, size);
    const pixels = context.getImageData(0, 0, size, size);
    return jsQR(pixels.data, size, size);
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** The text of the QR the SVG renders (see readRenderedQr). */
export async function decodeRenderedQr(svg: SVGSVGElement, jsQR: JsQr<{ data: string }>): Promise<string | undefined> {
  return (await readRenderedQr(svg, jsQR))?.data;
}
