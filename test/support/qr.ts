type JsQr = (data: Uint8ClampedArray, width: number, height: number) => { data: string } | null;

/**
 * Decodes a QR from what the browser renders: the element's SVG is drawn as an image onto a
 * canvas at 8 px per module, and jsQR reads the pixels.
 */
export async function decodeRenderedQr(svg: SVGSVGElement, jsQR: JsQr): Promise<string | undefined> {
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
    return jsQR(pixels.data, size, size)?.data;
  } finally {
    URL.revokeObjectURL(url);
  }
}
