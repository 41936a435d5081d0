import { useCallback, type CSSProperties } from 'react';

interface BlobImageProps {
  blob: Blob;
  alt: string;
  style?: CSSProperties;
}

/** An image held in memory (a photo being uploaded, a protected photo): its object URL lives as long as the <img>. */
export function BlobImage({ blob, alt, style }: BlobImageProps) {
  const attach = useCallback(
    (image: HTMLImageElement | null) => {
      if (!image) return;
      const url = URL.createObjectURL(blob);
      image.src = url;
      return () => URL.revokeObjectURL(url);
    },
    [blob],
  );
  return (
    <img ref={attach} alt={alt} style={{ display: 'block', maxWidth: '100%', height: 'auto', ...style }} />
  );
}
