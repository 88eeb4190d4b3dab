import { useEffect, useId, useRef, useState, type FocusEvent, type KeyboardEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'wouter'
import { fileBaseName } from '@hononga/shared'
import { api, exportUrls } from '../api/client'
import { DisclosureButton } from '../ui/DisclosureButton'
import { ReleaseExportItems } from '../withheld/ReleaseExportItems'
import type { ReleaseScope } from '../withheld/ReleaseExportItems'
import { downloadText, leaveProblem, type LeaveProblem } from './saveFile'
import './exports.css'

/**
 * "Export" in the workspace header: a disclosure with the plan's downloads as real links
 * (`<a download>`: the browser fetches them with the session cookie and keeps the server's
 * file name) and the printable page. Closes on Escape (focus back on the button), on a click
 * elsewhere, and when focus leaves it.
 *
 * The template file is fetched (the server records it and leaves out what partners withheld)
 * and saved by the browser, so that offline it can say a connection is needed.
 */
export function ExportMenu({
  planId,
  releases,
}: {
  planId: string
  /** Whose releases to offer (issue 13 §3); read from the document only while the menu is open. */
  releases?: ReleaseScope
}) {
  const { t } = useTranslation('exports')
  const [open, setOpen] = useState(false)
  const container = useRef<HTMLDivElement>(null)
  const button = useRef<HTMLButtonElement>(null)
  const id = useId()
  const urls = exportUrls(planId)
  const [templateProblem, setTemplateProblem] = useState<{ problem: LeaveProblem; message: string } | null>(null)
  const [fetching, setFetching] = useState(false)

  const handleTemplate = async () => {
    setFetching(true)
    setTemplateProblem(null)
    try {
      const file = await api.templateFile(planId)
      const name = `${fileBaseName(`${file.plan.meta.title} template`)}.hononga.json`
      downloadText(`${JSON.stringify(file, null, 2)}\n`, name, 'application/json')
    } catch (error) {
      setTemplateProblem({ problem: leaveProblem(error), message: error instanceof Error ? error.message : String(error) })
    } finally {
      setFetching(false)
    }
  }

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
          {releases && <ReleaseExportItems planId={planId} scope={releases} />}
          <li>
            <button type="button" className="export-menu-item" onClick={() => void handleTemplate()} disabled={fetching}>
              {t('menu.template')}
            </button>
          </li>
          {templateProblem && (
            <li className="export-menu-problem" role="alert">
              {t(`leave.${templateProblem.problem}`, { message: templateProblem.message })}
            </li>
          )}
        </ul>
      )}
    </div>
  )
}
