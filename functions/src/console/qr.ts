import qrcode from "qrcode-generator";

/**
 * A QR code as an SVG string, drawn on the server (no script, no image request). `text` is our
 * own data (a task id and a 6-digit code), so the markup needs no escaping.
 */
export function qrSvg(text: string, cellSize = 6): string {
  const qr = qrcode(0, "M");
  qr.addData(text);
  qr.make();
  return qr.createSvgTag({ cellSize, margin: 2, scalable: true });
}
