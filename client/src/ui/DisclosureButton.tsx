import { forwardRef, type ButtonHTMLAttributes } from 'react'

/**
 * A button that shows and hides a region next to it (the WAI-ARIA disclosure pattern):
 * `aria-expanded` says whether it is open, `aria-controls` names the region, and a mark
 * that points right or down shows it too (not colour alone). The region is rendered by the
 * caller, only while open.
 */
export const DisclosureButton = forwardRef<
  HTMLButtonElement,
  Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'type'> & { expanded: boolean; controls: string; small?: boolean }
>(function DisclosureButton({ expanded, controls, small = true, className, children, ...props }, ref) {
  return (
    <button
      ref={ref}
      type="button"
      className={['btn', 'btn-secondary', small && 'btn-small', 'disclosure-button', className].filter(Boolean).join(' ')}
      aria-expanded={expanded}
      aria-controls={expanded ? controls : undefined}
      {...props}
    >
      <span aria-hidden="true" className="disclosure-mark">
        {expanded ? '▾' : '▸'}
      </span>
      {children}
    </button>
  )
})
