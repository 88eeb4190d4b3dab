import { useEffect, useState } from 'react'

/** Draws `text` as a QR code, as SVG, on this device (the qrcode library loads with the first code shown). */
async function qrSvg(text: string): Promise<string> {
  // The library is CommonJS: the bundler hands it over as the module's default export.
  const qrcode = (await import('qrcode')).default
  // Level M survives a smudged screen or a glare spot; the quiet zone of 4 modules is what scanners expect.
  return qrcode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 4, color: { dark: '#000000', light: '#ffffff' } })
}

/**
 * A QR code for `text`, drawn locally (never by an outside service) as a scalable image: large
 * on a projector, crisp at any size. `alt` says what it opens, for people who cannot see it.
 */
export function QrImage({ text, alt, className }: { text: string; alt: string; className?: string }) {
  const [drawn, setDrawn] = useState<{ text: string; src: string } | null>(null)
  useEffect(() => {
    let live = true
    qrSvg(text).then(
      (svg) => {
        if (live) setDrawn({ text, src: `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}` })
      },
      () => {
        // The short code beside it still works when the image cannot be drawn.
      },
    )
    return () => {
      live = false
    }
  }, [text])
  if (!drawn || drawn.text !== text) return <div className={className} aria-hidden="true" />
  return <img className={className} src={drawn.src} alt={alt} />
}
