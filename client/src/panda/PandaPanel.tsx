import { useEffect, useId, useRef, useState, type ReactNode, type RefObject } from 'react'
import { useTranslation } from 'react-i18next'
import type { PlanSession } from '../sync/planSession'
import { Button } from '../ui/Button'
import { Dialog } from '../ui/Dialog'
import { useMediaQuery, WIDE_SCREEN } from '../ui/useMediaQuery'
import { PandaGuide } from './PandaGuide'
import './panda.css'

const OPEN_KEY = 'hononga:panda-guide'

export interface PandaGuideToggle {
  open: boolean
  wide: boolean
  setOpen(open: boolean): void
  /** The toggle button, to give focus back to when the guide closes. */
  button: RefObject<HTMLButtonElement | null>
}

/** Whether the guide is shown (remembered on this device) and how (a column or a dialog). */
export function usePandaGuide(): PandaGuideToggle {
  // Reopened on load only where it is a column: on a phone it would be a dialog in the way.
  const [open, setOpenState] = useState(() => globalThis.localStorage?.getItem(OPEN_KEY) === '1' && window.matchMedia(WIDE_SCREEN).matches)
  const wide = useMediaQuery(WIDE_SCREEN)
  const button = useRef<HTMLButtonElement>(null)
  const setOpen = (next: boolean) => {
    setOpenState(next)
    globalThis.localStorage?.setItem(OPEN_KEY, next ? '1' : '0')
  }
  return { open, wide, setOpen, button }
}

/** The button that shows and hides the guide. */
export function PandaToggleButton({ guide }: { guide: PandaGuideToggle }) {
  const { t } = useTranslation('panda')
  return (
    <button
      ref={guide.button}
      type="button"
      className={guide.open ? 'btn btn-secondary panda-toggle open' : 'btn btn-secondary panda-toggle'}
      aria-expanded={guide.wide ? guide.open : undefined}
      aria-controls={guide.wide && guide.open ? 'panda-guide' : undefined}
      aria-haspopup={guide.wide ? undefined : 'dialog'}
      onClick={() => guide.setOpen(!guide.open)}
    >
      {t('title')}
    </button>
  )
}

/**
 * The plan's step with the guide beside it: a side column on wide screens, a dialog on
 * narrower ones. Opening the column moves focus to its heading, so keyboard and
 * screen-reader users land in it rather than after the whole step.
 */
export function PandaLayout({
  guide,
  session,
  canEdit,
  children,
}: {
  guide: PandaGuideToggle
  session: PlanSession
  canEdit: boolean
  children: ReactNode
}) {
  const { t } = useTranslation('panda')
  const headingId = useId()
  const heading = useRef<HTMLHeadingElement>(null)
  const column = guide.open && guide.wide
  const opened = useRef(column)
  useEffect(() => {
    // Only when it opens by the person's hand, not when the page loads with it open.
    if (column && !opened.current) heading.current?.focus()
    opened.current = column
  }, [column])

  const close = () => {
    guide.setOpen(false)
    guide.button.current?.focus()
  }
  return (
    <>
      <div className={column ? 'panda-layout with-guide' : 'panda-layout'}>
        <div className="panda-layout-main">{children}</div>
        {column && (
          <aside id="panda-guide" className="panda-column" aria-labelledby={headingId}>
            <div className="panda-column-head">
              <h2 id={headingId} ref={heading} tabIndex={-1}>
                {t('title')}
              </h2>
              <Button variant="quiet" className="btn-small" onClick={close}>
                {t('close')}
              </Button>
            </div>
            <PandaGuide session={session} canEdit={canEdit} />
          </aside>
        )}
      </div>
      <Dialog open={guide.open && !guide.wide} title={t('title')} onClose={close}>
        <PandaGuide session={session} canEdit={canEdit} />
      </Dialog>
    </>
  )
}
