import type { AgreementPosition, AgreementSummary, Partner } from '@hononga/shared'

/** One part of an item's at-a-glance agreement line, before it is put into words. */
export type GlanceSegment =
  | { kind: 'objected'; partners: Partner[] }
  | { kind: 'agreed'; partners: { partner: Partner; concerns: boolean }[] }
  /** Some partners agree or object; these have not (or agreed to an earlier version). */
  | { kind: 'notYet'; partners: Partner[] }
  /** Nobody agrees or objects yet. */
  | { kind: 'noneYet'; partners: Partner[] }

/**
 * The at-a-glance line of an item, in reading order: objections first (they block), then who
 * agrees (noting concerns), then the partners whose position is still needed, by name.
 * "Objected by X · Agreed by Y · Still needed: Z".
 */
export function glanceSegments(summary: AgreementSummary): GlanceSegment[] {
  const segments: GlanceSegment[] = []
  if (summary.objecting.length > 0) segments.push({ kind: 'objected', partners: summary.objecting })
  if (summary.agreed.length > 0) {
    const concerned = new Set(summary.withConcerns.map((p) => p.key))
    segments.push({ kind: 'agreed', partners: summary.agreed.map((partner) => ({ partner, concerns: concerned.has(partner.key) })) })
  }
  if (summary.notYet.length > 0) {
    segments.push({ kind: segments.length === 0 ? 'noneYet' : 'notYet', partners: summary.notYet })
  }
  return segments
}

/** How many partners hold a position on the item as it is now ("Positions (n of m)"). */
export function currentPositionCount(summary: AgreementSummary): number {
  return summary.positions.filter((p) => p.current).length
}

export const MAX_POSITION_COMMENT = 2000

/** Positions that need a comment saying why: the others may give one. */
export function commentRequired(position: AgreementPosition | null): boolean {
  return position === 'agree with concerns' || position === 'object'
}

export type PositionProblem = 'choosePosition' | 'commentRequired' | 'commentTooLong'

/** What is wrong with a position about to be recorded, or null when it can be saved. */
export function positionProblem(position: AgreementPosition | null, comment: string): PositionProblem | null {
  if (position === null) return 'choosePosition'
  if (comment.trim().length > MAX_POSITION_COMMENT) return 'commentTooLong'
  if (commentRequired(position) && comment.trim() === '') return 'commentRequired'
  return null
}
