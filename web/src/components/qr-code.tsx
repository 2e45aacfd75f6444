import QRCode from 'qrcode';
import { useEffect, useState } from 'react';

/**
 * A QR code of `text` as an image (a data URL drawn by the `qrcode` package), with alt text for those who cannot
 * scan it; pages show the encoded text or code beside it as well. Medium error correction survives a smudged screen.
 */
export function QrCode({ text, alt, size = 180 }: { text: string; alt: string; size?: number }) {
  const [src, setSrc] = useState<string | undefined>(undefined);
  useEffect(() => {
    let cancelled = false;
    QRCode.toDataURL(text, { errorCorrectionLevel: 'M', margin: 2, width: size * 2 }).then(
      (url) => !cancelled && setSrc(url),
      () => !cancelled && setSrc(undefined),
    );
    return () => {
      cancelled = true;
    };
  }, [text, size]);
  // The box keeps its size while drawing, so the page does not jump.
  if (!src)
    return <span className="qr" style={{ display: 'inline-block', width: size, height: size }} aria-hidden="true" />;
  return <img className="qr" src={src} alt={alt} width={size} height={size} />;
}
