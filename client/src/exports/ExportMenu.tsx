import { useEffect, useId, useRef, useState, type FocusEvent, type KeyboardEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'wouter'
import { exportUrls } from '../api/client'
import { DisclosureButton } from '../ui/DisclosureButton'
import './exports.css'

/**
 * "Export" in the workspace header: a disclosure with the plan's downloads as real links
 * (`<a download>`: the browser fetches them with the session cookie and keeps the server's
 * file name) and the printable page. Closes on Escape (focus back on the button), on a click
 * elsewhere, and when focus leaves it.
 */
export function ExportMenu({ planId }: { planId: string }) {
  const { t } = useTranslation('exports')
  const [open, setOpen] = useState(false)
  const container = useRef<HTMLDivElement>(null)
  const button = useRef<HTMLButtonElement>(null)
  const id = useId()
  const urls = exportUrls(planId)

  useEffect(() => {
    if (!open) return
    const handlePointerDown = (event: PointerEvent) => {
      if (!container.current?.contains(event.target as Node)) setOpen(false)
    }
    document.addEventListener('pointerdown', handlePointerDown)
    return () => document.removeEventListener('pointerdown', handlePointerDown)
  }, [open])

  function handleKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.key !== 'Escape' || !open) return
    // Inside a dialog-free header, Escape closes this menu only.
    event.stopPropagation()
    setOpen(false)
    button.current?.focus()
  }

  function handleBlur(event: FocusEvent<HTMLDivElement>) {
    if (event.relatedTarget && !container.current?.contains(event.relatedTarget as Node)) setOpen(false)
  }

  // The links stay in the page while a download starts: removing a link during its own click
  // would cancel the download, so the menu does not close on click.
  return (
    <div className="export-menu" ref={container} onKeyDown={handleKeyDown} onBlur={handleBlur}>
      <DisclosureButton ref={button} small={false} expanded={open} controls={id} onClick={() => setOpen((was) => !was)}>
        {t('menu.button')}
      </DisclosureButton>
      {open && (
        <ul id={id} className="export-menu-list">
          <li>
            <Link href={`/plans/${encodeURIComponent(planId)}/print`}>{t('menu.print')}</Link>
          </li>
          <li>
            <a href={urls.actionsCsv} download>
              {t('menu.actionsCsv')}
            </a>
          </li>
          <li>
            <a href={urls.monitoringCsv} download>
              {t('menu.monitoringCsv')}
            </a>
          </li>
          <li>
            <a href={urls.json} download>
              {t('menu.json')}
            </a>
          </li>
        </ul>
      )}
    </div>
  )
}
