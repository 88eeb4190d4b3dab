import type { ReactNode } from 'react'

export type HeadingLevel = 2 | 3 | 4

/** A heading at the level the host gives the panel, so the page outline stays in order. */
export function Heading({ level, id, children }: { level: HeadingLevel; id?: string; children: ReactNode }) {
  const Tag = `h${level}` as const
  return (
    <Tag id={id} tabIndex={id ? -1 : undefined} className="people-heading">
      {children}
    </Tag>
  )
}
